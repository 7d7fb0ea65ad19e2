package io.kefu.lifecycle.policy;

import java.util.Set;

/**
 * What an expression in a model may use, shared by the static check ({@link ExpressionPolicy}) and
 * the run-time resolver ({@link RestrictedExpressionManager}), so the two cannot drift apart.
 */
final class ExpressionRules {

    /** The names Camunda binds to the current scope; everything else an identifier names is a variable or a delegate bean. */
    static final Set<String> SCOPE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution");

    /** Methods callable on the scope objects: reading and writing process variables and reading ids. */
    static final Set<String> SCOPE_METHODS = Set.of("getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal",
            "getVariableTyped", "getVariableLocalTyped", "setVariable", "setVariableLocal", "getProcessBusinessKey",
            "getBusinessKey", "getId", "getProcessInstanceId", "getActivityId", "getCurrentActivityId",
            "getCurrentActivityName", "getEventName", "getName", "getAssignee", "getOwner", "getPriority",
            "getTaskDefinitionKey", "getProcessDefinitionId", "getTopicName", "getWorkerId");

    /** Properties readable on the scope objects (the getters above, as properties). */
    static final Set<String> SCOPE_PROPERTIES = Set.of("processBusinessKey", "businessKey", "id", "processInstanceId",
            "activityId", "currentActivityId", "currentActivityName", "eventName", "name", "assignee", "owner",
            "priority", "taskDefinitionKey", "processDefinitionId", "topicName", "workerId", "variables",
            "variablesLocal", "variableNames");

    /** Functions Camunda provides to every expression: the time and the signed-in user. */
    static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

    /**
     * Methods callable on the date Camunda's {@code now()} and {@code dateTime()} return, for due
     * dates and follow-ups such as <code>${dateTime().plusDays(3).toDate()}</code>.
     */
    static final Set<String> DATE_METHODS = Set.of("plusYears", "plusMonths", "plusWeeks", "plusDays", "plusHours",
            "plusMinutes", "plusSeconds", "minusYears", "minusMonths", "minusWeeks", "minusDays", "minusHours",
            "minusMinutes", "minusSeconds", "withTimeAtStartOfDay", "toDate", "isBefore", "isAfter", "getMillis",
            "getTime", "before", "after");

    /** Property names that lead to reflection, class loaders or the runtime, whatever object they are read on. */
    static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass", "module",
            "protectionDomain", "runtime", "processEngine", "processEngineServices", "processEngineConfiguration",
            "applicationContext", "beanFactory", "environment");

    private ExpressionRules() {
    }
}
