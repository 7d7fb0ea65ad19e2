package io.kefu.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import io.kefu.security.throttle.Limit;
import io.kefu.security.throttle.LoginThrottle;
import io.kefu.security.throttle.LoginThrottleProperties;
import io.kefu.security.throttle.LoginThrottledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The identity check behind HTTP Basic and form login, with its memory of successful checks. */
class CamundaIdentityAuthenticationProviderTest {

    private final IdentityService identity = mock(IdentityService.class);
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void agentWithPassword() {
        when(identity.checkPassword(anyString(), anyString())).thenReturn(false);
        when(identity.checkPassword("li", "secret")).thenReturn(true);
        GroupQuery groups = mock(GroupQuery.class);
        Group agents = mock(Group.class);
        when(agents.getId()).thenReturn(KefuGroups.AGENTS);
        when(identity.createGroupQuery()).thenReturn(groups);
        when(groups.groupMember("li")).thenReturn(groups);
        when(groups.list()).thenReturn(List.of(agents));
    }

    @Test
    void rememberedCredentialsDoNotReachTheIdentityServiceAgain() {
        var provider = provider(Duration.ofSeconds(60));

        Authentication first = provider.authenticate(basic("li", "secret"));
        Authentication second = provider.authenticate(basic("li", "secret"));

        verify(identity, times(1)).checkPassword("li", "secret");
        verify(identity, times(1)).createGroupQuery();
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("li");
        assertThat(roles(second)).containsExactlyInAnyOrderElementsOf(roles(first))
                .contains("ROLE_AGENT", KefuGroups.GROUP_AUTHORITY_PREFIX + KefuGroups.AGENTS);
        assertThat(second).as("a fresh token per request").isNotSameAs(first);
    }

    @Test
    void wrongPasswordIsRejectedEvenAfterTheRightOneWasRemembered() {
        var provider = provider(Duration.ofSeconds(60));
        provider.authenticate(basic("li", "secret"));

        assertThatThrownBy(() -> provider.authenticate(basic("li", "secret2"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("li", ""))).isInstanceOf(BadCredentialsException.class);
        verify(identity).checkPassword("li", "secret2");
    }

    @Test
    void failedChecksAreNeverRemembered() {
        var provider = provider(Duration.ofSeconds(60));

        assertThatThrownBy(() -> provider.authenticate(basic("li", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("li", "guess"))).isInstanceOf(BadCredentialsException.class);

        verify(identity, times(2)).checkPassword("li", "guess");
        verify(identity, never()).createGroupQuery();
    }

    @Test
    void credentialsAreCheckedAgainOnceTheirTimeToLiveIsOver() {
        var provider = provider(Duration.ofSeconds(60));
        provider.authenticate(basic("li", "secret"));

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        when(identity.checkPassword("li", "secret")).thenReturn(false); // password changed meanwhile

        assertThatThrownBy(() -> provider.authenticate(basic("li", "secret"))).isInstanceOf(BadCredentialsException.class);
        verify(identity, times(2)).checkPassword("li", "secret");
    }

    @Test
    void aZeroTimeToLiveChecksEveryRequest() {
        var provider = provider(Duration.ZERO);

        provider.authenticate(basic("li", "secret"));
        provider.authenticate(basic("li", "secret"));

        verify(identity, times(2)).checkPassword("li", "secret");
    }

    @Test
    void userNameAndPasswordAreNotInterchangeableInTheMemory() {
        when(identity.checkPassword("li", "secret")).thenReturn(true);
        var provider = provider(Duration.ofSeconds(60));
        provider.authenticate(basic("li", "secret"));

        assertThatThrownBy(() -> provider.authenticate(basic("lis", "ecret"))).isInstanceOf(BadCredentialsException.class);
        verify(identity).checkPassword("lis", "ecret");
    }

    @Test
    void aThrottledUserIsRefusedBeforeTheIdentityServiceOrTheMemoryIsAsked() {
        var provider = provider(Duration.ofSeconds(60));
        provider.authenticate(basic("li", "secret"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(basic("li", "guess"))).isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> provider.authenticate(basic("li", "guess"))).isInstanceOf(LoginThrottledException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("li", "secret"))).as("remembered, but throttled")
                .isInstanceOf(LoginThrottledException.class);
        verify(identity, times(3)).checkPassword("li", "guess");
        verify(identity, times(1)).checkPassword("li", "secret");
    }

    private CamundaIdentityAuthenticationProvider provider(Duration ttl) {
        // Small buckets; the trusted-address bucket as small, since these calls carry no address.
        Limit three = new Limit(3, 1, Duration.ofSeconds(30));
        LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(true, three, new Limit(100, 1,
                Duration.ofSeconds(10)), three, Duration.ofDays(30), 1000), TimeMeter.SYSTEM_NANOTIME, event -> { });
        return new CamundaIdentityAuthenticationProvider(identity, new AuthenticationCache(ttl, nanos::get), throttle);
    }

    private static Authentication basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static List<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
