package io.kefu.bots;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The external-task contract of Kefu's bots: topics, the variables each reads and writes, the BPMN
 * errors that report business outcomes and the message a bot step's incident sends. Any Camunda
 * external-task client that keeps this contract can replace a built-in bot (docs/INTEGRATIONS.md,
 * "RPA bots").
 */
public final class BotContract {

    /** Look an order up in the ERP. In: ticketId, orderId. Out: orderFound, orderEligible, orderStatus, orderAmount, orderCurrency, botFindings. */
    public static final String TOPIC_ERP_ORDER_LOOKUP = "erp-order-lookup";
    /** File a refund request in the ERP. In: ticketId, orderId, orderAmount, orderCurrency. Out: refundId, botFindings. */
    public static final String TOPIC_ERP_REFUND_REQUEST = "erp-refund-request";
    /**
     * Send the customer a message. In: ticketId, followUp (which message), orderId, refundId, and for
     * the reminder of an agent's wait waitSetAt. Out (reminders only): followUpSent.
     */
    public static final String TOPIC_CUSTOMER_FOLLOW_UP = "customer-follow-up";
    /** The built-in topics, in the order the refund uses them. */
    public static final List<String> BUILT_IN_TOPICS = List.of(TOPIC_ERP_ORDER_LOOKUP, TOPIC_ERP_REFUND_REQUEST,
            TOPIC_CUSTOMER_FOLLOW_UP);

    /** BPMN error: no order number, or the ERP has no such order. */
    public static final String ERROR_ORDER_NOT_FOUND = "OrderNotFound";
    /** BPMN error: the ERP refused the refund. */
    public static final String ERROR_REFUND_REFUSED = "RefundRefused";

    /**
     * Message sent to the boundary event of a bot step whose external task ran out of retries (an
     * incident), after {@code kefu.bots.give-up-after}; the process then takes its failure path.
     */
    public static final String MSG_BOT_GAVE_UP = "BotGaveUp";

    /** Order numbers the bots accept: what an ERP path segment can carry without encoding. */
    public static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,40}");

    public static final String VAR_TICKET_ID = "ticketId";
    public static final String VAR_ORDER_ID = "orderId";
    public static final String VAR_ORDER_FOUND = "orderFound";
    public static final String VAR_ORDER_ELIGIBLE = "orderEligible";
    public static final String VAR_ORDER_STATUS = "orderStatus";
    public static final String VAR_ORDER_AMOUNT = "orderAmount";
    public static final String VAR_ORDER_CURRENCY = "orderCurrency";
    public static final String VAR_REFUND_ID = "refundId";
    /** Input parameter of a follow-up task: the key of the message under {@code kefu.bots.follow-ups}. */
    public static final String VAR_FOLLOW_UP = "followUp";
    /**
     * Input of a follow-up task that reminds the customer of an agent's wait for their answer: when
     * that wait was set (a date). The message goes out only while that wait still holds — not
     * stopped or moved, the customer has not written since, agents still work the ticket —
     * checked under the customer's lock in the transaction that writes it; otherwise the task
     * completes with nothing sent.
     */
    public static final String VAR_WAIT_SET_AT = "waitSetAt";
    /** Output of a follow-up task: whether the message went to the customer. */
    public static final String VAR_FOLLOW_UP_SENT = "followUpSent";
    /** What the bots found, one sentence per step: for the agent who takes over. */
    public static final String VAR_BOT_FINDINGS = "botFindings";

    private BotContract() {
    }
}
