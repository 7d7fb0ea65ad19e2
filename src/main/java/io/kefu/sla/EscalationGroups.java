package io.kefu.sla;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates the group of every level of the escalation ladder ({@code kefu.escalation.levels}) that
 * does not exist yet, such as {@code duty_managers}: a level whose group is missing would tell
 * nobody. Who is in them is the admins' choice (Camunda Admin); members get each notification of
 * their level live on their workspace pages.
 */
@Component
class EscalationGroups implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EscalationGroups.class);

    private final IdentityService identity;
    private final EscalationProperties properties;

    EscalationGroups(IdentityService identity, EscalationProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        for (EscalationProperties.Level level : properties.levels()) {
            if (identity.createGroupQuery().groupId(level.group()).count() == 0) {
                Group group = identity.newGroup(level.group());
                group.setName(level.name());
                group.setType("SYSTEM");
                identity.saveGroup(group);
                log.info("Created group '{}' for escalation level '{}'; add its members in Camunda Admin",
                        level.group(), level.name());
            }
        }
    }
}
