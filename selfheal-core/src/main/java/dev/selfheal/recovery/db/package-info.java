/**
 * A routing {@link javax.sql.DataSource} that {@code failover_database} switches from the
 * primary to the replica. JDBC only through the JDK's interfaces; no driver.
 *
 * <p>Layer: response, a part of recovery. Uses nothing of selfheal.
 */
package dev.selfheal.recovery.db;
