package io.kefu.lifecycle;

import io.kefu.bots.BotContract;

/**
 * The contract of {@code processes/RefundRequest.bpmn}, the refund sub-process the lifecycle calls
 * for a refund intent: its ids, the external-task topics its bots work on, the BPMN errors they
 * report and the messages it waits for (the bots' side is {@link BotContract}). Business key =
 * ticket id, as the lifecycle's.
 */
public final class RefundRequestProcess {

    public static final String PROCESS_ID = "RefundRequest";

    public static final String TASK_LOOK_UP_ORDER = "Task_LookUpOrder";
    public static final String GATEWAY_ORDER_ELIGIBLE = "Gateway_OrderEligible";
    public static final String TASK_FILE_REFUND = "Task_FileRefund";
    public static final String TASK_TELL_CUSTOMER_REFUND_FILED = "Task_TellCustomerRefundFiled";
    public static final String GATEWAY_AWAIT_REFUND_COMPLETED = "Gateway_AwaitRefundCompleted";
    public static final String EVENT_REFUND_COMPLETED = "Event_RefundCompleted";
    public static final String EVENT_REFUND_COMPLETION_OVERDUE = "Event_RefundCompletionOverdue";
    public static final String TASK_TELL_CUSTOMER_REFUNDED = "Task_TellCustomerRefunded";
    public static final String END_REFUNDED = "EndEvent_Refunded";
    public static final String GATEWAY_TO_BILLING = "Gateway_ToBilling";
    public static final String END_HANDED_TO_BILLING = "EndEvent_HandedToBilling";
    public static final String BOUNDARY_ORDER_NOT_FOUND = "BoundaryEvent_OrderNotFound";
    public static final String BOUNDARY_LOOK_UP_GAVE_UP = "BoundaryEvent_LookUpGaveUp";
    public static final String BOUNDARY_LOOK_UP_TIMEOUT = "BoundaryEvent_LookUpTimeout";
    public static final String BOUNDARY_REFUND_REFUSED = "BoundaryEvent_RefundRefused";
    public static final String BOUNDARY_FILE_REFUND_GAVE_UP = "BoundaryEvent_FileRefundGaveUp";
    public static final String BOUNDARY_FILE_REFUND_TIMEOUT = "BoundaryEvent_FileRefundTimeout";
    public static final String BOUNDARY_TELL_FILED_GAVE_UP = "BoundaryEvent_TellFiledGaveUp";
    public static final String BOUNDARY_TELL_FILED_TIMEOUT = "BoundaryEvent_TellFiledTimeout";
    public static final String BOUNDARY_TELL_REFUNDED_GAVE_UP = "BoundaryEvent_TellRefundedGaveUp";
    public static final String BOUNDARY_TELL_REFUNDED_TIMEOUT = "BoundaryEvent_TellRefundedTimeout";

    /** External-task topic: look the order up in the ERP. */
    public static final String TOPIC_ERP_ORDER_LOOKUP = BotContract.TOPIC_ERP_ORDER_LOOKUP;
    /** External-task topic: file a refund request in the ERP. */
    public static final String TOPIC_ERP_REFUND_REQUEST = BotContract.TOPIC_ERP_REFUND_REQUEST;
    /** External-task topic: send the customer a message (input parameter {@code followUp}). */
    public static final String TOPIC_CUSTOMER_FOLLOW_UP = BotContract.TOPIC_CUSTOMER_FOLLOW_UP;

    /** BPMN error of {@link #TOPIC_ERP_ORDER_LOOKUP}: no order number, or the ERP has no such order. */
    public static final String ERROR_ORDER_NOT_FOUND = BotContract.ERROR_ORDER_NOT_FOUND;
    /** BPMN error of {@link #TOPIC_ERP_REFUND_REQUEST}: the ERP refused the refund. */
    public static final String ERROR_REFUND_REFUSED = BotContract.ERROR_REFUND_REFUSED;

    /** The ERP's "refund completed", correlated by business key = ticket id. */
    public static final String MSG_REFUND_COMPLETED = "Msg_RefundCompleted";
    /**
     * A bot step's external task ran out of retries (an incident): the bots module correlates this
     * to the boundary event of the failing task, and billing takes over.
     */
    public static final String MSG_BOT_GAVE_UP = BotContract.MSG_BOT_GAVE_UP;

    public static final String VAR_ORDER_FOUND = BotContract.VAR_ORDER_FOUND;
    public static final String VAR_ORDER_ELIGIBLE = BotContract.VAR_ORDER_ELIGIBLE;
    public static final String VAR_ORDER_STATUS = BotContract.VAR_ORDER_STATUS;
    public static final String VAR_ORDER_AMOUNT = BotContract.VAR_ORDER_AMOUNT;
    public static final String VAR_ORDER_CURRENCY = BotContract.VAR_ORDER_CURRENCY;
    public static final String VAR_REFUND_ID = BotContract.VAR_REFUND_ID;
    /** Input parameter of each follow-up task: which message the customer gets. */
    public static final String VAR_FOLLOW_UP = BotContract.VAR_FOLLOW_UP;

    public static final String OUTCOME_REFUNDED = "REFUNDED";
    public static final String OUTCOME_BILLING = "BILLING";

    private RefundRequestProcess() {
    }
}
