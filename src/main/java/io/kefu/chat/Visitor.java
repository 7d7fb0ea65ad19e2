package io.kefu.chat;

/**
 * A widget visitor as their token resolves.
 *
 * @param id                 the visitor (one token)
 * @param channelKey         the channel the token was issued for
 * @param customerId         the customer they speak for
 * @param customerExternalId that customer's external id (what intake is given)
 * @param identified         whether the host site vouched for the customer with a signed external id
 */
public record Visitor(long id, String channelKey, long customerId, String customerExternalId, boolean identified) {

    /** The STOMP user name of the customer's connections: all of them receive what is pushed to the customer. */
    public String userName() {
        return userName(customerId);
    }

    /**
     * {@code customer:<id>}: the colon is not allowed in staff user ids (Camunda's resource
     * pattern), so no staff login can ever receive a customer's pushes.
     */
    static String userName(long customerId) {
        return "customer:" + customerId;
    }
}
