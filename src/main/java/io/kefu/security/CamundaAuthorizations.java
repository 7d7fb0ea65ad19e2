package io.kefu.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Kefu's roles as Camunda authorizations, checked at every start (so a changed mapping rolls out
 * with the next release; one query, and a write only for a grant that is missing or changed): the engine's own checks ({@code camunda.bpm.authorization.enabled}) then
 * hold for every {@code /engine-rest} resource and the Camunda webapps. Admins may do everything;
 * designers deploy and run models; supervisors watch processes and work tasks; agents get nothing
 * (they work in Kefu's workspace); API tokens with scope {@code external-task} may fetch, lock and
 * complete external tasks. The matrix is in docs/SECURITY.md.
 */
@Component
class CamundaAuthorizations implements InitializingBean {

    /** The group an API token with scope {@code external-task} acts in on {@code /engine-rest/external-task}. */
    static final String EXTERNAL_TASK_WORKERS = "kefu-external-task-workers";

    private static final String ANY = "*";

    private final AuthorizationService authorizations;

    CamundaAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /** The grants as they stand, read once per start: only missing or changed ones are written. */
    private Map<String, Authorization> existing = Map.of();

    @Override
    public void afterPropertiesSet() {
        existing = new HashMap<>();
        for (Authorization grant : authorizations.createAuthorizationQuery()
                .groupIdIn(KefuGroups.ADMINS, KefuGroups.SUPERVISORS, KefuGroups.DESIGNERS, EXTERNAL_TASK_WORKERS)
                .authorizationType(Authorization.AUTH_TYPE_GRANT).list()) {
            existing.put(key(grant.getGroupId(), grant.getResourceType(), grant.getResourceId()), grant);
        }
        for (Resource resource : Resources.values()) {
            grant(KefuGroups.ADMINS, resource, ANY, Permissions.ALL);
        }
        for (String group : List.of(KefuGroups.SUPERVISORS, KefuGroups.DESIGNERS)) {
            for (String application : List.of("cockpit", "tasklist", "welcome")) {
                grant(group, Resources.APPLICATION, application, Permissions.ACCESS);
            }
            grant(group, Resources.FILTER, ANY, Permissions.READ);
            grant(group, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
        }
        grant(KefuGroups.SUPERVISORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
                ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.TASK_WORK);
        grant(KefuGroups.SUPERVISORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
        grant(KefuGroups.SUPERVISORS, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.UPDATE,
                TaskPermissions.TASK_ASSIGN, TaskPermissions.TASK_WORK);
        grant(KefuGroups.SUPERVISORS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(KefuGroups.SUPERVISORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(KefuGroups.SUPERVISORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        for (Resource resource : List.of(Resources.DEPLOYMENT, Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE,
                Resources.TASK, Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION)) {
            grant(KefuGroups.DESIGNERS, resource, ANY, Permissions.ALL);
        }
        grant(EXTERNAL_TASK_WORKERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.UPDATE);
        grant(EXTERNAL_TASK_WORKERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.UPDATE_INSTANCE);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization wanted = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        wanted.setGroupId(group);
        wanted.setResource(resource);
        wanted.setResourceId(resourceId);
        wanted.setPermissions(permissions);
        Authorization stored = existing.get(key(group, resource.resourceType(), resourceId));
        if (stored == null) {
            authorizations.saveAuthorization(wanted);
        } else if (mask(stored) != mask(wanted)) {
            stored.setPermissions(permissions);
            authorizations.saveAuthorization(stored);
        }
    }

    private static int mask(Authorization authorization) {
        return ((AuthorizationEntity) authorization).getPermissions();
    }

    private static String key(String group, int resourceType, String resourceId) {
        return group + '|' + resourceType + '|' + resourceId;
    }
}
