/** The Slack API client: its calls, each behind the integration's guard, and its health check. */
package dev.selfheal.integrations.slack;
