package io.kefu.bots;

import java.util.Map;

import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * A locked external task as a built-in bot sees it: what it works on and the variables it read.
 *
 * @param retries the retries left, or null before the first failure
 */
record BotTask(String id, String topic, String processInstanceId, String businessKey, String activityId,
        Integer retries, Map<String, Object> variables) {

    static BotTask of(LockedExternalTask task) {
        return new BotTask(task.getId(), task.getTopicName(), task.getProcessInstanceId(), task.getBusinessKey(),
                task.getActivityId(), task.getRetries(), task.getVariables() == null ? Map.of() : task.getVariables());
    }

    /** A string variable, or null when it is absent or not a string. */
    String string(String name) {
        return variables.get(name) instanceof String value ? value : null;
    }

    /** The ticket the task is for. */
    long ticketId() {
        if (variables.get(BotContract.VAR_TICKET_ID) instanceof Number number) {
            return number.longValue();
        }
        throw new BotFailure("variable '" + BotContract.VAR_TICKET_ID + "' is missing or not a number");
    }

    /** What earlier steps found, to which this step adds its sentence. */
    String findings(String sentence) {
        String before = string(BotContract.VAR_BOT_FINDINGS);
        String joined = before == null || before.isBlank() ? sentence : before + " " + sentence;
        return joined.length() > 3_900 ? joined.substring(joined.length() - 3_900) : joined;
    }
}
