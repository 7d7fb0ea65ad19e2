package io.kefu.lifecycle;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kefu.node.*}: who this node is among the nodes sharing one database.
 *
 * @param id this node's stable name (env {@code KEFU_NODE_ID}); the job executor locks jobs under it,
 *           so a restarted node recognises the jobs it held. Blank = host name and HTTP port
 *           ({@code kefu-1:8080}). Every node of a cluster needs its own: two nodes under one id would
 *           take each other's locks back at start.
 */
@ConfigurationProperties("kefu.node")
record NodeProperties(String id) {
}
