/**
 * Spring Boot auto-configuration of the healing loop: Actuator health contributors and
 * Resilience4j breakers become checks, Micrometer meters feed performance limits and anomaly
 * detection, Hikari pools, Spring caches and lifecycle beans get recovery actions, and
 * {@code /actuator/selfheal} shows incidents and takes approvals. Uses selfheal-core and
 * selfheal-store; nothing in selfheal uses it.
 */
package dev.selfheal.spring.boot.autoconfigure;
