package dev.selfheal.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.selfheal.recovery.actions.ClearCacheAction;
import dev.selfheal.recovery.actions.ClearDeadConnectionsAction;
import dev.selfheal.recovery.actions.RestartServiceAction;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.CacheManager;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Recovery actions for what a Spring service has. Each is a {@code RecoveryAction} bean that the
 * catalog picks up; an application bean of the same type replaces it.
 */
@Configuration(proxyBeanMethods = false)
class SpringRecoveryActionsConfiguration {

    /** {@code clear_dead_connections} soft-evicts the application's Hikari pools: component {@code db}, Actuator's name for them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HikariDataSource.class)
    @ConditionalOnBean(DataSource.class)
    static class Hikari {

        @Bean
        @ConditionalOnMissingBean
        ClearDeadConnectionsAction selfHealClearDeadConnections(ObjectProvider<DataSource> dataSources) {
            return new ClearDeadConnectionsAction().register("db", () -> dataSources.orderedStream().forEach(ds -> {
                HikariDataSource hikari = hikariOf(ds);
                if (hikari != null && hikari.getHikariPoolMXBean() != null) {
                    hikari.getHikariPoolMXBean().softEvictConnections();
                }
            }));
        }

        private static HikariDataSource hikariOf(DataSource dataSource) {
            try {
                return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
            } catch (SQLException e) {
                return null;
            }
        }
    }

    /** {@code clear_cache} empties every cache of the application's {@link CacheManager}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CacheManager.class)
    @ConditionalOnBean(CacheManager.class)
    static class Caches {

        @Bean
        @ConditionalOnMissingBean
        ClearCacheAction selfHealClearCaches(CacheManager manager) {
            ClearCacheAction action = new ClearCacheAction();
            manager.getCacheNames().forEach(name -> action.register(new SpringCache(manager, name)));
            return action;
        }
    }

    /**
     * {@code restart_service} restarts the {@link SmartLifecycle} beans named in
     * {@code selfheal.healing.restart.<component>=<bean>}; a name that is not such a bean stops the start-up.
     */
    @Bean
    @ConditionalOnMissingBean
    RestartServiceAction selfHealRestartLifecycleBeans(SelfHealProperties properties, ListableBeanFactory beans) {
        RestartServiceAction action = new RestartServiceAction();
        for (Map.Entry<String, String> e : properties.healing().restart().entrySet()) {
            String key = "selfheal.healing.restart." + e.getKey();
            if (!beans.containsBean(e.getValue())) {
                throw new IllegalStateException(key + " names bean '" + e.getValue() + "', which does not exist");
            }
            if (!(beans.getBean(e.getValue()) instanceof SmartLifecycle lifecycle)) {
                throw new IllegalStateException(key + " names bean '" + e.getValue() + "', which is not a SmartLifecycle");
            }
            action.register(e.getKey(), new LifecycleRestarter(e.getValue(), lifecycle));
        }
        return action;
    }
}
