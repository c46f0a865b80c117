package dev.selfheal.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.selfheal.testing.PostgresTestDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example service against the machine's PostgreSQL and a real pricing server on loopback:
 * its database refuses and drops every connection, then its pricing API answers 503, and the
 * service heals itself with no selfheal code of its own. Everything is read from
 * {@code /actuator/selfheal}, as an operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersServiceHealingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String role;
    private static HttpServer pricing;
    private static final AtomicBoolean pricingUp = new AtomicBoolean(true);
    private static ConfigurableApplicationContext app;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        PostgresTestDatabase.assumeReachable();
        role = "orders_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        admin("CREATE ROLE " + role + " LOGIN");
        admin("GRANT CREATE ON DATABASE test TO " + role);
        admin("CREATE SCHEMA " + role + " AUTHORIZATION " + role);

        pricing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pricing.createContext("/prices/", exchange -> {
            boolean up = pricingUp.get();
            byte[] body = (up ? "2.50" : "{\"message\":\"Service Unavailable\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pricing.start();

        String url = PostgresTestDatabase.URL + (PostgresTestDatabase.URL.contains("?") ? "&" : "?") + "currentSchema=" + role;
        app = new SpringApplicationBuilder(OrdersApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + role,
                "--spring.datasource.hikari.data-source-properties.ApplicationName=orders-app",
                "--pricing.url=http://127.0.0.1:" + pricing.getAddress().getPort(),
                "--selfheal.store.schema=" + role + "_selfheal",
                "--selfheal.health.interval=500ms",
                "--selfheal.health.failure-threshold=2",
                "--selfheal.healing.interval=1s",
                "--selfheal.healing.verification-window=5s",
                "--selfheal.healing.verification-poll=500ms",
                "--selfheal.healing.degradation.hold-down=1s",
                "--selfheal.healing.degradation.hold-for=10s");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
        // The loop starts once the application has started, on its own thread: its store (in this
        // database, under the same role) must be open before the first test takes the role's login away.
        await().atMost(PATIENCE).until(() -> "running".equals(get("/actuator/selfheal").get("loop").asText()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (pricing != null) {
            pricing.stop(0);
        }
        if (role != null) {
            admin("DROP SCHEMA IF EXISTS " + role + " CASCADE");
            admin("DROP SCHEMA IF EXISTS " + role + "_selfheal CASCADE");
            admin("REVOKE ALL ON DATABASE test FROM " + role);
            admin("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    @Order(1)
    void aDatabaseThatDropsEveryConnectionIsHealedByEvictingThePool() throws Exception {
        assertThat(placeOrder().statusCode()).isEqualTo(200);

        admin("ALTER ROLE " + role + " NOLOGIN");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role
                + "' AND application_name = 'orders-app'");
        String incident = awaitOpenIncident("db");
        admin("ALTER ROLE " + role + " LOGIN");

        JsonNode resolved = awaitResolved(incident);
        assertThat(resolved.get("problem_types").toString()).contains("database_issues");
        assertThat(resolved.get("timeline").toString()).contains("clear_dead_connections");
        await().atMost(PATIENCE).until(() -> placeOrder().statusCode() == 200);
    }

    @Test
    @Order(2)
    void aFailingPricingApiOpensTheBreakerDegradesTheServiceAndBothAreLiftedWhenItRecovers() throws Exception {
        // The database outage before may have left a degradation level that is still stepping down.
        await().atMost(PATIENCE).until(() -> get("/actuator/selfheal").get("degradation").get("level").asInt() == 0);
        pricingUp.set(false);
        AtomicBoolean traffic = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Thread load = Thread.ofVirtual().start(() -> {
            while (traffic.get()) {
                try {
                    placeOrder();
                    answered.incrementAndGet();
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        try {
            String incident = awaitOpenIncident("pricing");
            await().atMost(PATIENCE).until(() -> get("/actuator/selfheal/" + incident).get("timeline").toString()
                    .contains("enable_degradation"));
            await().atMost(PATIENCE).until(() -> statsStatus() == 503);

            pricingUp.set(true);
            JsonNode resolved = awaitResolved(incident);
            assertThat(resolved.get("problem_types").toString()).contains("integration_failure");
            assertThat(resolved.get("timeline").toString()).contains("restart_integration").contains("enable_degradation");
            await().atMost(PATIENCE).until(() -> get("/actuator/selfheal").get("degradation").get("level").asInt() == 0);
            await().atMost(PATIENCE).until(() -> statsStatus() == 200);
            assertThat(answered.get()).isPositive();
        } finally {
            traffic.set(false);
            load.join();
        }
    }

    private static int statsStatus() throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve("/orders/stats")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String awaitOpenIncident(String component) {
        String[] id = new String[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode incident : get("/actuator/selfheal").get("open_incidents")) {
                if (incident.get("component").asText().equals(component)) {
                    id[0] = incident.get("id").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private static JsonNode awaitResolved(String incident) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = get("/actuator/selfheal/" + incident);
            return "RESOLVED".equals(last[0].get("state").asText());
        });
        return last[0];
    }

    private static HttpResponse<String> placeOrder() throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve("/orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"widget\",\"quantity\":2}"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.URL, PostgresTestDatabase.USER, null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
