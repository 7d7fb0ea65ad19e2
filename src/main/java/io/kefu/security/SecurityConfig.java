package io.kefu.security;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import io.kefu.security.token.ApiTokenFilter;
import io.kefu.security.token.ApiTokenRules;
import io.kefu.security.token.ApiTokenService;
import io.kefu.security.throttle.ThrottledLogins;

/**
 * Three filter chains. {@code /api/**}, {@code /engine-rest/**} (and {@code /actuator/prometheus}, for
 * scrapers with a {@code metrics:read} token): stateless HTTP Basic or an API token, no
 * CSRF (no cookies authenticate them), 401 without a login redirect. {@code /camunda/**}: the
 * Camunda webapps, signed in through Kefu's login page (one session), with their own CSRF token. Everything else (pages): form login with
 * CSRF. Nothing is reachable without a login except the login page, static assets, errors and
 * {@code /actuator/health}.
 *
 * <p>The URL rules are the permission matrix of docs/SECURITY.md, route by route; a route not
 * listed is refused ({@code denyAll}), so a new one stays closed until it is given its roles here
 * (and {@code SecurityMatrixTest} fails until its row is written). Which tickets a permitted call
 * shows is decided further in, by {@link TicketAccessArguments}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String AGENT = "ROLE_AGENT";
    static final String SUPERVISOR = "ROLE_SUPERVISOR";
    static final String DESIGNER = "ROLE_DESIGNER";
    static final String ADMIN = "ROLE_ADMIN";

    /** Any staff role: agents, supervisors, designers, admins. */
    static final String[] STAFF = {AGENT, SUPERVISOR, DESIGNER, ADMIN};
    /** Who works tickets: the workspace pages and the agent calls of the API. */
    static final String[] TICKET_WORKERS = {AGENT, SUPERVISOR, ADMIN};
    /** Who may write, publish and delete knowledge-base articles. */
    static final String[] KNOWLEDGE_EDITORS = {SUPERVISOR, DESIGNER, ADMIN};

    /** Who may use the engine's REST API and the Camunda webapps (Admin: admins only). */
    static final String[] ENGINE_USERS = {SUPERVISOR, DESIGNER, ADMIN};

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            ApiTokenService tokens, ThrottledLogins throttledLogins) throws Exception {
        checkPasswordsOnce(http);
        // Path matchers on the whole path: /engine-rest is served by Jersey, not by Spring MVC's
        // dispatcher, so MVC-relative matching would let it through unmatched.
        return http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"),
                        // Scraped by Prometheus with a token (metrics:read) or by an admin with HTTP Basic.
                        path("/actuator/prometheus")))
                .authenticationProvider(provider)
                // Authorization: Bearer <API token>; requests without one go on to HTTP Basic.
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                // Token requests are decided by their scopes alone, before any role rule (ApiTokenRules).
                .authorizeHttpRequests(ApiTokenRules::authorize)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        // Staff write customers and their messages (channels and systems do so with a token).
                        .requestMatchers(method(HttpMethod.POST, "/api/customers"),
                                method(HttpMethod.POST, "/api/messages"),
                                method(HttpMethod.POST, "/api/tickets/*/bot-feedback"),
                                method(HttpMethod.POST, "/api/tickets/*/abandon"))
                        .hasAnyAuthority(SUPERVISOR, ADMIN)
                        // Agents' profiles: supervisors and admins read and edit them; presence is set by
                        // the agent themselves (checked in agent/AgentController) or a supervisor/admin.
                        .requestMatchers(method(HttpMethod.PUT, "/api/agents/*/presence")).hasAnyAuthority(TICKET_WORKERS)
                        .requestMatchers(method(HttpMethod.GET, "/api/agents"), method(HttpMethod.GET, "/api/agents/*"),
                                method(HttpMethod.PUT, "/api/agents/*")).hasAnyAuthority(SUPERVISOR, ADMIN)
                        .requestMatchers(method(HttpMethod.GET, "/api/customers/*"),
                                method(HttpMethod.GET, "/api/customers/*/identities"))
                        .hasAnyAuthority(STAFF)
                        // Linking an address to a customer and merging two customers: the people who work tickets.
                        .requestMatchers(method(HttpMethod.POST, "/api/customers/*/identities"),
                                method(HttpMethod.POST, "/api/tickets/*/customer/merge"),
                                method(HttpMethod.GET, "/api/tickets/*/reply-channels"))
                        .hasAnyAuthority(TICKET_WORKERS)
                        // Before /api/tickets/*, which it would match.
                        .requestMatchers(method(HttpMethod.GET, "/api/tickets/self-service")).hasAnyAuthority(SUPERVISOR, ADMIN)
                        // Agents only reach tickets of their queues (TicketAccessArguments); others answer 404.
                        .requestMatchers(method(HttpMethod.GET, "/api/tickets"), method(HttpMethod.GET, "/api/tickets/*"),
                                method(HttpMethod.GET, "/api/tickets/*/messages"),
                                method(HttpMethod.GET, "/api/tickets/*/receipts"),
                                method(HttpMethod.GET, "/api/tickets/*/escalations"))
                        .hasAnyAuthority(TICKET_WORKERS)
                        .requestMatchers(method(HttpMethod.POST, "/api/tickets/*/claim"),
                                method(HttpMethod.POST, "/api/tickets/*/replies"),
                                method(HttpMethod.POST, "/api/tickets/*/resolve"),
                                method(HttpMethod.POST, "/api/tickets/*/notes"),
                                method(HttpMethod.POST, "/api/tickets/*/transfer"),
                                method(HttpMethod.POST, "/api/tickets/*/unclaim"),
                                method(HttpMethod.POST, "/api/tickets/*/priority"))
                        .hasAnyAuthority(TICKET_WORKERS)
                        .requestMatchers(method(HttpMethod.GET, "/api/workspace/tasks")).hasAnyAuthority(TICKET_WORKERS)
                        // Canned responses (each caller sees their own and their teams': CannedResponseService)
                        // and merging or linking two tickets the caller reaches.
                        .requestMatchers(path("/api/canned-responses"), path("/api/canned-responses/*"),
                                method(HttpMethod.POST, "/api/tickets/*/merge"),
                                method(HttpMethod.GET, "/api/tickets/*/links"), method(HttpMethod.POST, "/api/tickets/*/links"),
                                method(HttpMethod.DELETE, "/api/tickets/*/links/*"),
                                // waiting for the customer (an agent only on their own or an unclaimed ticket)
                                path("/api/tickets/*/wait")).hasAnyAuthority(TICKET_WORKERS)
                        .requestMatchers(method(HttpMethod.POST, "/api/triage/classify")).hasAnyAuthority(STAFF)
                        // Replacing the triage model is a process designer's (or admin's) decision.
                        .requestMatchers(method(HttpMethod.POST, "/api/triage/models")).hasAnyAuthority(DESIGNER, ADMIN)
                        // The process designer checks a model before deploying it (nothing deployed, nothing run).
                        .requestMatchers(method(HttpMethod.POST, "/api/processes/validate")).hasAnyAuthority(DESIGNER, ADMIN)
                        .requestMatchers(method(HttpMethod.GET, "/api/triage/models"))
                        .hasAnyAuthority(SUPERVISOR, DESIGNER, ADMIN)
                        // All staff read the knowledge base; editors change it.
                        .requestMatchers(method(HttpMethod.GET, "/api/knowledge/**")).hasAnyAuthority(STAFF)
                        .requestMatchers(method(HttpMethod.POST, "/api/knowledge/**"),
                                method(HttpMethod.PUT, "/api/knowledge/**"),
                                method(HttpMethod.DELETE, "/api/knowledge/**")).hasAnyAuthority(KNOWLEDGE_EDITORS)
                        // API tokens and the audit log.
                        // Rules go live, roll back and are simulated by designers (and admins, as for deployments).
                        .requestMatchers(path("/api/rules/**")).hasAnyAuthority(DESIGNER, ADMIN)
                        .requestMatchers(path("/api/admin/**")).hasAuthority(ADMIN)
                        // Revoking a web-chat visitor's token (an abusive visitor).
                        .requestMatchers(method(HttpMethod.DELETE, "/api/chat/visitors/*")).hasAnyAuthority(SUPERVISOR, ADMIN)
                        // Outbox dead letters: list, replay, discard.
                        .requestMatchers(path("/api/sync/**")).hasAuthority(ADMIN)
                        // RPA bots: topics, tasks, workers, failures and their retry.
                        .requestMatchers(path("/api/bots"), path("/api/bots/**")).hasAnyAuthority(SUPERVISOR, DESIGNER, ADMIN)
                        .requestMatchers(method(HttpMethod.GET, "/actuator/prometheus")).hasAuthority(ADMIN)
                        // Every other /api call is refused until it is given its roles above.
                        .requestMatchers(path("/api/**")).denyAll()
                        // The engine's REST API: external-task workers (bots with an API token), and
                        // staff who may use Camunda's tools; the engine's own authorization checks
                        // (CamundaAuthorizations) decide what each may do there. Agents need none of it.
                        // Users, groups, memberships, tenants and authorizations are admins' alone, checked
                        // here as well as by the engine; a person may change their own profile and
                        // password (Camunda asks for the current one).
                        .requestMatchers(engine(HttpMethod.PUT, "/user/{id}/credentials"),
                                engine(HttpMethod.PUT, "/user/{id}/profile"))
                                .access((authentication, context) -> new AuthorizationDecision(
                                        SignedIn.holds(authentication.get(), ADMIN)
                                                || authentication.get().getName().equals(context.getVariables().get("id"))))
                        .requestMatchers(engine(null, "/authorization/**")).hasAuthority(ADMIN)
                        // Checks any user's password for the caller, outside the login throttle: closed.
                        .requestMatchers(engine(null, "/identity/verify")).denyAll()
                        // Deploying is for designers and admins (the engine's grants say the same).
                        .requestMatchers(engine(null, "/deployment/create")).hasAnyAuthority(DESIGNER, ADMIN)
                        .requestMatchers(new OrRequestMatcher(nonGet("/engine-rest/user/**"), nonGet("/engine-rest/group/**"),
                                nonGet("/engine-rest/tenant/**"), nonGet("/engine-rest/engine/*/user/**"),
                                nonGet("/engine-rest/engine/*/group/**"), nonGet("/engine-rest/engine/*/tenant/**")))
                                .hasAuthority(ADMIN)
                        .requestMatchers(engine(null, "/external-task/**"))
                                .hasAnyAuthority(ENGINE_USERS)
                        .requestMatchers(path("/engine-rest/**")).hasAnyAuthority(ENGINE_USERS)
                        .anyRequest().denyAll())
                // A throttled sign-in (too many failures) gets 429 with Retry-After, a wrong password 401.
                .httpBasic(basic -> basic.authenticationEntryPoint(throttledLogins.basicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .headers(WebHeaders::api)
                .build();
    }

    /**
     * The OpenAPI document: read with an API token or HTTP Basic as the API is, and also with the
     * session of Kefu's pages, so that Swagger UI in a signed-in browser can load it. Reading only
     * (GET), so a session cookie here can do nothing a page could not; no session is created.
     */
    @Bean
    @Order(0)
    SecurityFilterChain apiDocsChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            ApiTokenService tokens, ThrottledLogins throttledLogins) throws Exception {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        sessions.setAllowSessionCreation(false);
        return http.securityMatcher(new OrRequestMatcher(path("/v3/api-docs"), path("/v3/api-docs/**"), path("/v3/api-docs.yaml")))
                .authenticationProvider(provider)
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(ApiTokenRules::authorize)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(method(HttpMethod.GET, "/v3/api-docs"), method(HttpMethod.GET, "/v3/api-docs/**"),
                                method(HttpMethod.GET, "/v3/api-docs.yaml")).hasAnyAuthority(STAFF)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(throttledLogins.basicEntryPoint()))
                .csrf(csrf -> csrf.disable())
                .securityContext(context -> context.securityContextRepository(sessions))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .headers(WebHeaders::api)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebappChain(HttpSecurity http) throws Exception {
        // One login for Kefu's pages and the webapps: the session Kefu's login page creates is
        // handed to Camunda (EngineAuthentication, container-based authentication); the webapps'
        // own login and first-run setup are closed. Camunda protects its API with its own CSRF
        // filter (XSRF-TOKEN cookie).
        return http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(path("/camunda/api/admin/setup/**"), path("/camunda/api/admin/auth/user/*/login/**"))
                                .denyAll()
                        .requestMatchers(path("/camunda/api/admin/auth/**")).hasAnyAuthority(ENGINE_USERS)
                        .requestMatchers(path("/camunda/app/admin/**"), path("/camunda/api/admin/**")).hasAuthority(ADMIN)
                        .requestMatchers(path("/camunda/app/**"), path("/camunda/api/**")).hasAnyAuthority(ENGINE_USERS)
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                path("/camunda/api/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                path("/camunda/**")))
                .headers(WebHeaders::camundaWebapps)
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
            ThrottledLogins throttledLogins) throws Exception {
        checkPasswordsOnce(http);
        return http
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(path("/login"), path("/error"), path("/css/**"), path("/js/**"), path("/img/**"),
                                path("/favicon.ico"), path("/actuator/health"),
                                // the modeler's vendored bundle (public libraries, web/vendor/bpmn)
                                path("/vendor/**"))
                        .permitAll()
                        .requestMatchers(path("/knowledge/articles/new"), path("/knowledge/articles/*/edit"),
                                path("/knowledge/preview"), method(HttpMethod.POST, "/knowledge/articles"),
                                method(HttpMethod.POST, "/knowledge/articles/**")).hasAnyAuthority(KNOWLEDGE_EDITORS)
                        .requestMatchers(path("/knowledge"), path("/knowledge/**")).hasAnyAuthority(STAFF)
                        // Agents only reach tickets of their queues (TicketAccessArguments); others answer 404.
                        .requestMatchers(path("/workspace"), path("/workspace/**")).hasAnyAuthority(TICKET_WORKERS)
                        // The supervisor console: queues, agents, reassignment (workspace/SupervisorController).
                        .requestMatchers(path("/supervisor"), path("/supervisor/**")).hasAnyAuthority(SUPERVISOR, ADMIN)
                        // The ticket list and search, and the canned responses agents write (same reach rules).
                        .requestMatchers(path("/tickets"), path("/tickets/**")).hasAnyAuthority(TICKET_WORKERS)
                        // The RPA bots page (the same as /api/bots).
                        .requestMatchers(path("/bots"), path("/bots/**")).hasAnyAuthority(SUPERVISOR, DESIGNER, ADMIN)
                        // The rule designer: editing, checking and deploying rules/ is a designer's (or admin's).
                        .requestMatchers(path("/designer/rules"), path("/designer/rules/**")).hasAnyAuthority(DESIGNER, ADMIN)
                        // The process designer: definitions, the modeler, validation, deployment.
                        .requestMatchers(path("/designer"), path("/designer/processes/**"), path("/designer/batches/**"))
                        .hasAnyAuthority(DESIGNER, ADMIN)
                        // Swagger UI (its document is /v3/api-docs, apiDocsChain).
                        .requestMatchers(path("/swagger-ui.html"), path("/swagger-ui/**")).hasAnyAuthority(STAFF)
                        // API tokens and the audit log.
                        .requestMatchers(path("/admin/**")).hasAuthority(ADMIN)
                        // The outbox's dead letters: replay and discard (the same as /api/sync/dead-letters).
                        .requestMatchers(path("/sync/**")).hasAuthority(ADMIN)
                        // Where the sign-in lands: the workspace or, for designers, the knowledge base.
                        .requestMatchers(path("/")).hasAnyAuthority(STAFF)
                        .requestMatchers(path("/actuator/**")).hasAuthority(ADMIN)
                        // Every other page is refused until it is given its roles above.
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler(throttledLogins.formLoginFailureHandler("/login")).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(WebHeaders::pages)
                .build();
    }

    /**
     * Spring Security observes every filter of every request by default (a Micrometer observation
     * around each of the chain's ~15 filters): 7 % of the request threads' CPU samples in the
     * benchmark's flight recording (bench/RESULTS.md, change 12). Authentications stay observed —
     * the {@code spring.security.authentications} timer counts failed logins —, per-filter and
     * per-authorization observations are off. HTTP requests are still observed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults()
                .shouldObserveRequests(false)
                .shouldObserveAuthorizations(false)
                .shouldObserveAuthentications(true)
                .build();
    }

    @Bean
    AuthenticationCache authenticationCache(SecurityProperties properties) {
        return new AuthenticationCache(properties.authCacheTtl());
    }

    /**
     * Without this, a chain's authentication manager hands a failed sign-in on to the global one,
     * which holds the same provider (the only AuthenticationProvider bean) and checks the password
     * a second time: each wrong password then counted twice against the login throttle (and, before
     * it, against Camunda's lockout). The chain's own provider is the only one that should answer.
     */
    private static void checkPasswordsOnce(HttpSecurity http) {
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * A resource of the engine's REST API under both of its paths: {@code /engine-rest/<sub>} and
     * {@code /engine-rest/engine/<name>/<sub>} (the same resource of a named engine).
     */
    private static RequestMatcher engine(HttpMethod method, String sub) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher(method, "/engine-rest" + sub),
                paths.matcher(method, "/engine-rest/engine/{engine}" + sub));
    }

    /** Any method but GET (and HEAD, OPTIONS) on the pattern: the calls that change something. */
    private static RequestMatcher nonGet(String pattern) {
        RequestMatcher any = path(pattern);
        return request -> any.matches(request) && !HttpMethod.GET.matches(request.getMethod())
                && !HttpMethod.HEAD.matches(request.getMethod()) && !HttpMethod.OPTIONS.matches(request.getMethod());
    }

    private static RequestMatcher method(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
