package io.kefu.security.throttle;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Switches off Camunda's own failed-login lockout, which {@link LoginThrottle} replaces. Camunda 7.24
 * counts failed {@code IdentityService.checkPassword} calls per user and, from the 10th
 * ({@code loginMaxAttempts}), treats the user as locked for good: the right password then fails
 * everywhere until an admin unlocks them. Before that, each failure locks the user for
 * {@code loginDelayBase * loginDelayFactor^(attempts-1)} seconds, at most {@code loginDelayMaxTime}
 * (3 s doubling up to 60 s), during which the right password fails too — so one wrong password a
 * minute would keep a user out indefinitely.
 *
 * <p>Here the attempt limit can never be reached and every delay is 0 s: Camunda still counts
 * failures ({@code ACT_ID_USER.ATTEMPTS_}, reset by a success) but locks no one. A user locked
 * before this ran is unlocked by it too, since neither condition holds any more. Applied after the
 * starter's generic properties, so no {@code camunda.bpm.generic-properties} entry turns the lockout
 * back on.
 */
@Component
class CamundaLockoutOff extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0);
        configuration.setLoginDelayFactor(1);
        configuration.setLoginDelayMaxTime(0);
    }
}
