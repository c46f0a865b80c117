package dev.selfheal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code POST /actuator/selfheal/{id}} in a real web application with Spring Security: the
 * application's own rules decide who may approve. Without them, Spring Boot's defaults refuse an
 * unauthenticated POST; with them, an operator's POST approves the pending HIGH-risk step and runs
 * it, while an anonymous one or a viewer's is refused and leaves the step waiting.
 */
class SecuredEndpointTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theApplicationsRulesDecideWhoMayApproveAPendingStep() throws Exception {
        try (ConfigurableApplicationContext app = start(WithOwnRules.class)) {
            URI base = base(app);
            SelfHeal selfHeal = app.getBean(SelfHeal.class);
            await().atMost(Duration.ofSeconds(60)).until(selfHeal::running);
            selfHeal.report(new Problem(ProblemType.INTEGRATION_FAILURE, "pricing", Severity.HIGH, "breaker OPEN",
                    "test", Instant.now()));
            String id = await().atMost(Duration.ofSeconds(60)).until(() -> pendingApproval(app), Optional::isPresent)
                    .orElseThrow();

            assertThat(post(base, id, null).statusCode()).as("anonymous").isEqualTo(401);
            assertThat(post(base, id, "bob:viewer-secret").statusCode()).as("a viewer").isEqualTo(403);
            assertThat(HaltingAction.runs.get()).as("nothing ran while refused").isZero();
            assertThat(get(base, "/actuator/selfheal", null).statusCode()).as("reading stays open").isEqualTo(200);

            HttpResponse<String> approved = post(base, id, "alice:operator-secret");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(approved.body()).as("the authenticated user, not the body's name").contains("approved by alice")
                    .doesNotContain("mallory");
            await().atMost(Duration.ofSeconds(60)).until(() -> HaltingAction.runs.get() == 1);
        }
    }

    @Test
    void withSpringBootsDefaultSecurityAnUnauthenticatedPostIsRefused() throws Exception {
        try (ConfigurableApplicationContext app = start(WithBootDefaults.class)) {
            URI base = base(app);
            await().atMost(Duration.ofSeconds(60)).until(app.getBean(SelfHeal.class)::running);
            assertThat(post(base, "inc-any", null).statusCode()).isEqualTo(401);
            assertThat(get(base, "/actuator/selfheal", null).statusCode()).isEqualTo(401);
        }
    }

    private ConfigurableApplicationContext start(Class<?> application) {
        HaltingAction.runs.set(0);
        return new SpringApplicationBuilder(application).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.endpoints.web.exposure.include=health,selfheal",
                "--selfheal.store.url=jdbc:sqlite:" + dir.resolve("selfheal.db"),
                "--spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"),
                "--spring.security.user.password=not-used-" + System.nanoTime());
    }

    private static Optional<String> pendingApproval(ConfigurableApplicationContext app) {
        return app.getBean(SelfHeal.class).openIncidents().stream()
                .filter(i -> i.component().equals("pricing"))
                .filter(i -> i.timeline().stream().anyMatch(e -> e.data().getOrDefault("decision", "").equals("await_approval")))
                .map(Incident::id)
                .findFirst();
    }

    private static URI base(ConfigurableApplicationContext app) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private static HttpResponse<String> post(URI base, String id, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/actuator/selfheal/" + id))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"mallory\"}"))
                .timeout(Duration.ofSeconds(30));
        return CLIENT.send(authorised(request, credentials).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        return CLIENT.send(authorised(request, credentials).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String credentials) {
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    /** Replaces the built-in restart_integration with a HIGH-risk one, so the plan waits for an approval. */
    static final class HaltingAction implements RecoveryAction {
        static final AtomicInteger runs = new AtomicInteger();

        @Override
        public String name() {
            return "restart_integration";
        }

        @Override
        public Risk risk() {
            return Risk.HIGH;
        }

        @Override
        public ActionResult execute(ActionContext context) {
            runs.incrementAndGet();
            return ActionResult.ok("restarted " + context.component());
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WithBootDefaults {
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(HaltingAction.class)
    static class WithOwnRules {

        /** Anyone reads Actuator; only operators write to it. Basic auth, so no CSRF token (no browser session). */
        @Bean
        SecurityFilterChain actuator(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(rules -> rules
                            .requestMatchers(HttpMethod.GET, "/actuator/**").permitAll()
                            .requestMatchers("/actuator/**").hasRole("OPERATOR")
                            .anyRequest().denyAll())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/**"))
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}operator-secret").roles("OPERATOR").build(),
                    User.withUsername("bob").password("{noop}viewer-secret").roles("VIEWER").build());
        }
    }
}
