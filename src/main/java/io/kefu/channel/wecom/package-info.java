/**
 * The WeCom (企业微信) application channel: URL verification and encrypted message callbacks at
 * {@code /channels/wecom} (WXBizMsgCrypt with the CorpID as receiver id), members of client
 * companies identified by their userid, replies through the application message API as the
 * configured AgentId, cut into parts of at most 2,048 bytes and sent from the outbound queue
 * written in the reply's transaction, so a platform that is down delays a reply and never loses it.
 */
package io.kefu.channel.wecom;
