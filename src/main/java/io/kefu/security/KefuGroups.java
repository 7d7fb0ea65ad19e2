package io.kefu.security;

import java.util.List;

/** Well-known groups and the queues a fresh install routes to. */
public final class KefuGroups {

    public static final String AGENTS = "agents";
    public static final String SUPERVISORS = "supervisors";
    public static final String DESIGNERS = "designers";
    /** Camunda's own administrators group (Cockpit and Admin). */
    public static final String ADMINS = "camunda-admin";

    /** The queues {@code rules/routing.drl} routes to; each queue is a group of agents. */
    public static final List<String> DEFAULT_QUEUES = List.of("general_support", "billing_team", "senior_tech_support");

    public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

    private KefuGroups() {
    }
}
