package io.kefu.sync;

/** A system ticket events are delivered to, and the Camel endpoint whose route delivers them. */
public enum OutboxDestination {
    /** {@code integrations/crm/crm-ticket-upsert.camel.yaml}. */
    CRM("crm", "direct:crm-ticket-upsert"),
    /** {@code integrations/erp/erp-ticket-export.camel.yaml}. */
    ERP("erp", "direct:erp-ticket-export"),
    /** {@code integrations/rabbitmq/rabbitmq-ticket-publish.camel.yaml}. */
    RABBITMQ("rabbitmq", "direct:rabbitmq-ticket-publish"),
    /** {@code integrations/intercom/intercom-ticket-sync.camel.yaml}. */
    INTERCOM("intercom", "direct:intercom-ticket-sync");

    private final String key;
    private final String endpoint;

    OutboxDestination(String key, String endpoint) {
        this.key = key;
        this.endpoint = endpoint;
    }

    public String key() {
        return key;
    }

    public String endpoint() {
        return endpoint;
    }

    public static OutboxDestination ofKey(String key) {
        for (OutboxDestination d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown outbox destination " + key);
    }
}
