package io.kefu.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates the well-known groups and, where configured, the users that hold every role: the demo
 * user {@code demo}/{@code demo} in the embedded default (as Camunda's own distribution does), and
 * {@code admin} when {@code KEFU_ADMIN_PASSWORD} is set. Says so loudly at start-up.
 */
@Component
class DefaultUsers implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DefaultUsers.class);

    private final IdentityService identity;
    private final boolean demoUser;
    private final String adminPassword;

    DefaultUsers(IdentityService identity, SecurityProperties properties) {
        this.identity = identity;
        this.demoUser = properties.demoUser();
        this.adminPassword = properties.adminPassword();
    }

    @Override
    public void afterPropertiesSet() {
        List<String> everyGroup = new ArrayList<>(List.of(KefuGroups.ADMINS, KefuGroups.AGENTS, KefuGroups.SUPERVISORS,
                KefuGroups.DESIGNERS));
        everyGroup.addAll(KefuGroups.DEFAULT_QUEUES);
        for (String groupId : everyGroup) {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType(KefuGroups.DEFAULT_QUEUES.contains(groupId) ? "QUEUE" : "SYSTEM");
                identity.saveGroup(group);
            }
        }
        if (demoUser) {
            ensureUser("demo", "demo", "Demo", everyGroup);
            log.warn("Demo user 'demo' with password 'demo' holds every role. Set KEFU_DEMO_USER=false "
                    + "(or use the mysql profile) for anything but a trial.");
        }
        if (!adminPassword.isBlank()) {
            ensureUser("admin", adminPassword, "Administrator", everyGroup);
            log.info("User 'admin' holds every role (password from KEFU_ADMIN_PASSWORD)");
        }
    }

    private void ensureUser(String id, String password, String firstName, List<String> groups) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName("User");
            user.setEmail(id + "@localhost");
        }
        user.setPassword(password);
        identity.saveUser(user);
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }
}
