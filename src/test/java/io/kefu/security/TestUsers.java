package io.kefu.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** People the security tests sign in as, besides {@code demo} (every role, the embedded default). */
public final class TestUsers {

    public static final String AGENT = "agnes";
    public static final String AGENT_PASSWORD = "agnes-password";

    private TestUsers() {
    }

    /** Creates the agent (member of agents and general_support only) unless it exists. */
    public static void ensureAgent(IdentityService identity) {
        if (identity.createUserQuery().userId(AGENT).count() > 0) {
            return;
        }
        User user = identity.newUser(AGENT);
        user.setFirstName("Agnes");
        user.setLastName("Agent");
        user.setEmail("agnes@localhost");
        user.setPassword(AGENT_PASSWORD);
        identity.saveUser(user);
        identity.createMembership(AGENT, KefuGroups.AGENTS);
        identity.createMembership(AGENT, "general_support");
    }
}
