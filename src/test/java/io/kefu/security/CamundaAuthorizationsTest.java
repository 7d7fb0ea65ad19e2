package io.kefu.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The role grants at start: written when missing or changed, left alone when they stand. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:camunda-authorizations;DB_CLOSE_DELAY=-1")
class CamundaAuthorizationsTest {

    @Autowired
    CamundaAuthorizations grants;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    JdbcClient jdbc;

    private long revisions() {
        return jdbc.sql("SELECT COALESCE(SUM(REV_), 0) FROM ACT_RU_AUTHORIZATION").query(Long.class).single();
    }

    @Test
    void aRestartWritesNoGrantThatStandsAndRestoresOneThatWasChanged() {
        long before = revisions();
        grants.afterPropertiesSet();
        assertThat(revisions()).as("nothing written when every grant stands").isEqualTo(before);

        Authorization cockpit = authorizations.createAuthorizationQuery().groupIdIn(KefuGroups.SUPERVISORS)
                .resourceType(Resources.APPLICATION).resourceId("cockpit").singleResult();
        cockpit.removePermission(Permissions.ACCESS);
        authorizations.saveAuthorization(cockpit);
        grants.afterPropertiesSet();

        assertThat(authorizations.createAuthorizationQuery().groupIdIn(KefuGroups.SUPERVISORS)
                .resourceType(Resources.APPLICATION).resourceId("cockpit").singleResult()
                .isPermissionGranted(Permissions.ACCESS)).isTrue();
    }
}
