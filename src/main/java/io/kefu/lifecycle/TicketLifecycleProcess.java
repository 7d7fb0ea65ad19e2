package io.kefu.lifecycle;

/**
 * The contract between {@code processes/TicketLifecycle.bpmn} and Java: every id, message name and
 * variable name the process and the code share. The process business key is the ticket id.
 */
public final class TicketLifecycleProcess {

    public static final String PROCESS_ID = "TicketLifecycle";

    /**
     * Before triage, in the ticket's first job: reads the text of the images the customer attached
     * (an image-only first message is triaged on its text); retried by the engine while an image is
     * being read elsewhere.
     */
    public static final String TASK_READ_IMAGES = "Task_ReadImages";
    public static final String TASK_TRIAGE = "Task_TriageTicket";
    public static final String TASK_FIND_KNOWLEDGE_ANSWER = "Task_FindKnowledgeAnswer";
    public static final String GATEWAY_BOT_HAS_ANSWER = "Gateway_BotHasAnswer";
    public static final String TASK_SEND_BOT_ANSWER = "Task_SendBotAnswer";
    public static final String BOUNDARY_ARTICLE_GONE = "BoundaryEvent_ArticleGone";
    /** BPMN error: the article the bot was about to send no longer exists. */
    public static final String ERROR_ARTICLE_GONE = "ArticleGone";
    public static final String GATEWAY_AWAIT_BOT_FEEDBACK = "Gateway_AwaitBotFeedback";
    public static final String EVENT_BOT_FEEDBACK_RECEIVED = "Event_BotFeedbackReceived";
    public static final String EVENT_BOT_FEEDBACK_TIMEOUT = "Event_BotFeedbackTimeout";
    public static final String TASK_RESOLVE_BY_BOT = "Task_ResolveByBot";
    public static final String TASK_ROUTE = "Task_RouteTicket";
    public static final String TASK_AGENT_WORK = "Task_AgentWork";
    public static final String TASK_MARK_RESOLVED = "Task_MarkResolved";
    public static final String TASK_CLOSE = "Task_CloseTicket";
    public static final String TASK_REOPEN = "Task_ReopenTicket";
    public static final String TASK_NOTE_CUSTOMER_MESSAGE = "Task_NoteCustomerMessage";
    public static final String GATEWAY_AWAIT_REPLY_OR_CLOSE = "Gateway_AwaitReplyOrClose";
    public static final String EVENT_AUTO_CLOSE_DUE = "Event_AutoCloseDue";
    public static final String EVENT_CUSTOMER_REPLIED = "Event_CustomerReplied";
    public static final String END_TICKET_CLOSED = "EndEvent_TicketClosed";
    /** Non-interrupting timer on {@link #TASK_AGENT_WORK} at {@link #VAR_ESCALATION_DUE}: the ladder starts. */
    public static final String BOUNDARY_FIRST_RESPONSE_DUE = "BoundaryEvent_FirstResponseDue";
    public static final String TASK_ESCALATE = "Task_EscalateTicket";
    public static final String GATEWAY_ESCALATE_FURTHER = "Gateway_EscalateFurther";
    /** Waits {@link #VAR_ESCALATION_STEP_AFTER} (business time) before the next level. */
    public static final String TIMER_NEXT_ESCALATION_LEVEL = "Timer_NextEscalationLevel";
    public static final String END_ESCALATION_DONE = "EndEvent_EscalationDone";
    /** Non-interrupting timer on {@link #TASK_AGENT_WORK}: after it any agent of the queue may take the ticket. */
    public static final String BOUNDARY_SKILLS_TIMEOUT = "BoundaryEvent_SkillsTimeout";
    public static final String TASK_OPEN_TO_WHOLE_QUEUE = "Task_OpenToWholeQueue";
    public static final String END_OPENED_TO_WHOLE_QUEUE = "EndEvent_OpenedToWholeQueue";
    /** Non-interrupting timer on {@link #TASK_AGENT_WORK}: the customer waited {@link #VAR_SOOTHE_AFTER}. */
    public static final String BOUNDARY_SOOTHE_CUSTOMER = "BoundaryEvent_SootheCustomer";
    public static final String TASK_SOOTHE_CUSTOMER = "Task_SootheCustomer";
    public static final String END_CUSTOMER_SOOTHED = "EndEvent_CustomerSoothed";
    /** After triage: a refund intent goes to {@link #CALL_REFUND_REQUEST} first. */
    public static final String GATEWAY_REFUND_INTENT = "Gateway_RefundIntent";
    /** Call activity of {@link RefundRequestProcess#PROCESS_ID}, business key = ticket id. */
    public static final String CALL_REFUND_REQUEST = "Call_RefundRequest";
    public static final String GATEWAY_REFUND_OUTCOME = "Gateway_RefundOutcome";
    /** The ERP refunded: resolved by the bot. */
    public static final String TASK_RESOLVE_REFUNDED = "Task_ResolveRefunded";
    /** Anything else: the ticket's topic becomes BILLING and it is routed (to the billing queue). */
    public static final String TASK_HAND_REFUND_TO_BILLING = "Task_HandRefundToBilling";

    /** A customer wrote on a ticket that is still being worked on (event sub-process). */
    public static final String MSG_CUSTOMER_MESSAGE = "CustomerMessage";
    /** The customer answered the bot's "did this solve it?" (variable {@link #VAR_BOT_ANSWER_ACCEPTED}). */
    public static final String MSG_BOT_FEEDBACK = "BotFeedback";
    /** A customer replied to a resolved ticket: it reopens. */
    public static final String MSG_CUSTOMER_REPLIED = "CustomerReplied";

    /** An agent waits for the customer until {@link #VAR_FOLLOW_UP_AT} ({@code SubProcess_WaitForCustomer}). */
    public static final String MSG_WAIT_FOR_CUSTOMER = "WaitForCustomer";
    public static final String VAR_FOLLOW_UP_AT = "followUpAt";
    public static final String TIMER_FOLLOW_UP_DUE = "Timer_FollowUpDue";
    public static final String TASK_FOLLOW_UP_DUE = "Task_FollowUpDue";
    /**
     * When the customer is reminded during the wait (a date, {@code kefu.follow-up.remind-after} into
     * it), or null when the wait plans no reminder (off, or the follow-up comes first).
     */
    public static final String VAR_REMIND_AT = "remindAt";
    public static final String GATEWAY_REMINDER_PLANNED = "Gateway_ReminderPlanned";
    public static final String TIMER_REMIND_CUSTOMER = "Timer_RemindCustomer";
    /** Claims the wait's reminder when it still holds; sets {@link #VAR_REMINDER_DUE} and {@link #VAR_WAIT_SET_AT}, local to its path. */
    public static final String TASK_CHECK_REMINDER_DUE = "Task_CheckReminderDue";
    public static final String VAR_REMINDER_DUE = "reminderDue";
    /** The wait the reminder is for (when it was set), for the bot's last check. */
    public static final String VAR_WAIT_SET_AT = io.kefu.bots.BotContract.VAR_WAIT_SET_AT;
    /** External task (topic {@code customer-follow-up}, {@code followUp = waiting-reminder}). */
    public static final String TASK_REMIND_CUSTOMER = "Task_RemindCustomer";
    /** Interrupting timer on {@link #TASK_REMIND_CUSTOMER} at the follow-up time: a reminder no bot sent by then is dropped. */
    public static final String BOUNDARY_REMINDER_TOO_LATE = "BoundaryEvent_ReminderTooLate";
    public static final String END_CUSTOMER_REMINDED = "EndEvent_CustomerReminded";
    public static final String VAR_TICKET_ID = "ticketId";
    /** Set (true) by triage only when the first message has the refund intent. */
    public static final String VAR_REFUND_INTENT = "refundIntent";
    /** The order number triage found in the first message; absent when none. */
    public static final String VAR_ORDER_ID = "orderId";
    /** ISO-8601 duration each bot step of the refund may wait for a worker. */
    public static final String VAR_BOT_TASK_TIMEOUT = "botTaskTimeout";
    /** ISO-8601 duration the refund waits for the ERP's completion message. */
    public static final String VAR_REFUND_COMPLETION_TIMEOUT = "refundCompletionTimeout";
    /** What the refund sub-process ended with: {@code REFUNDED} or {@code BILLING}. */
    public static final String VAR_REFUND_OUTCOME = "refundOutcome";
    /** What the bots found, one sentence per step, for the billing agent. */
    public static final String VAR_BOT_FINDINGS = io.kefu.bots.BotContract.VAR_BOT_FINDINGS;
    public static final String VAR_AUTO_CLOSE_AFTER = "autoCloseAfter";
    /** ISO-8601 duration of {@link #BOUNDARY_SKILLS_TIMEOUT} ({@code kefu.assignment.skills-timeout}). */
    public static final String VAR_SKILLS_TIMEOUT = "skillsTimeout";
    public static final String VAR_TOPIC = "topic";
    public static final String VAR_QUEUE = "queue";
    public static final String VAR_PRIORITY = "priority";
    /** The knowledge-base article the bot answers with; set only when the bot answers. */
    public static final String VAR_BOT_ARTICLE_ID = "botArticleId";
    /** ISO-8601 duration the bot waits for the customer's verdict before an agent takes over. */
    public static final String VAR_BOT_FEEDBACK_TIMEOUT = "botFeedbackTimeout";
    /** ISO-8601 duration into a wait for an agent after which the bot soothes the customer. */
    public static final String VAR_SOOTHE_AFTER = "sootheAfter";
    /** The wait (the ticket's reopen count) whose customer was soothed last; absent before the first. */
    public static final String VAR_SOOTHED_WAIT = "soothedWait";
    /** Whether the customer said the bot's answer solved the issue. */
    public static final String VAR_BOT_ANSWER_ACCEPTED = "botAnswerAccepted";
    /**
     * When the escalation ladder starts (a date): the first-response due time, or the routing time
     * when {@code rules/escalation.drl} escalates at once. Set by routing.
     */
    public static final String VAR_ESCALATION_DUE = "escalationDue";
    /** Whether routing's rules escalate at once (then the first level's reason is RULES). */
    public static final String VAR_ESCALATE_AT_ONCE = "escalateAtOnce";
    /** Local to the ladder: the level reached, the due time it is for, whether a higher level follows. */
    public static final String VAR_ESCALATION_LEVEL = "escalationLevel";
    public static final String VAR_ESCALATION_FOR = "escalationFor";
    public static final String VAR_ESCALATE_FURTHER = "escalateFurther";
    /** Local to the ladder: business time until the next level ({@code business:<calendar>:<duration>}). */
    public static final String VAR_ESCALATION_STEP_AFTER = "escalationStepAfter";

    private TicketLifecycleProcess() {
    }
}
