package io.kefu.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Camunda's default authorizations for new resources, without the per-task ones: by default the
 * engine writes (and first looks up) an authorization row for every candidate group, user,
 * assignee and owner of every task — two statements per ticket on the hot path — so that Tasklist
 * users can work on "their" tasks. Kefu's agents work tickets in Kefu's workspace, and the roles
 * that use Tasklist hold task rights on every task ({@link CamundaAuthorizations}); the rows would
 * grant nothing.
 */
@Component
class KefuResourceAuthorizationProvider extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new WithoutTaskAuthorizations());
    }

    /** Creates users', groups', filters' and deployments' default authorizations as Camunda does; none for tasks. */
    static final class WithoutTaskAuthorizations extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTask(Task task) {
            return null;
        }

        @Override
        public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
            return null;
        }

        @Override
        public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
            return null;
        }

        @Override
        public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
            return null;
        }

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            return null;
        }

        @Override
        public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
            return null;
        }

        @Override
        public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
            return null;
        }
    }
}
