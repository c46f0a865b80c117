/**
 * What the integration clients share: JSON over the JDK HttpClient behind a guard, API tokens
 * that never print, client settings, and a health check that probes an API without side effects.
 */
package dev.selfheal.integrations.http;
