package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.incident.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every Actuator health contributor becomes a selfheal check, with damping, history and
 * incidents. Its group is the first {@code management.endpoint.health.group.*} it belongs to, else
 * what it is ({@code db} → database, {@code diskSpace} → system, brokers → integrations), else
 * {@code application}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthContributorRegistry.class)
@ConditionalOnBean(HealthContributorRegistry.class)
class ActuatorChecksConfiguration {

    private static final Set<String> DATABASES = Set.of(
            "db", "r2dbc", "redis", "mongo", "cassandra", "couchbase", "elasticsearch", "neo4j", "influxdb", "ldap");
    private static final Set<String> BROKERS = Set.of("rabbit", "jms", "kafka", "mail", "hazelcast");

    @Bean
    CheckSource selfHealActuatorChecks(HealthContributorRegistry registry, ObjectProvider<HealthEndpointGroups> groups,
                                       SelfHealProperties properties) {
        SelfHealProperties.Health h = properties.health();
        HealthEndpointGroups endpointGroups = groups.getIfAvailable();
        List<CheckDefinition> checks = new ArrayList<>();
        Map<String, ProblemType> types = new LinkedHashMap<>();
        registry.stream()
                .filter(entry -> !h.exclude().contains(entry.name()))
                .forEach(entry -> {
                    String group = groupOf(entry.name(), endpointGroups);
                    checks.add(CheckDefinition.builder(entry.name(), new ActuatorHealthCheck(entry.contributor()))
                            .group(group)
                            .interval(h.interval())
                            .timeout(h.timeout())
                            .failureThreshold(h.failureThreshold())
                            .successThreshold(h.successThreshold())
                            .build());
                    if (DATABASES.contains(entry.name())) {
                        types.put(entry.name(), ProblemType.DATABASE_ISSUES);
                    }
                });
        return new CheckSource() {
            @Override
            public List<CheckDefinition> checks() {
                return checks;
            }

            @Override
            public Map<String, ProblemType> problemTypes() {
                return types;
            }
        };
    }

    static String groupOf(String contributor, HealthEndpointGroups groups) {
        if (groups != null) {
            for (String name : groups.getNames()) {
                if (groups.get(name).isMember(contributor)) {
                    return name;
                }
            }
        }
        if (DATABASES.contains(contributor)) {
            return "database";
        }
        if (BROKERS.contains(contributor)) {
            return "integrations";
        }
        return "diskSpace".equals(contributor) ? "system" : "application";
    }
}
