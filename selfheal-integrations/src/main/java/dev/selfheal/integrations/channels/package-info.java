/**
 * Notification channels ({@code alerting.NotificationChannel}): where alerts leave selfheal.
 * One subpackage per kind (Slack, PagerDuty, webhook, email, Alertmanager, log); each passes
 * core's channel contract test kit against a real or faithfully faked endpoint.
 */
package dev.selfheal.integrations.channels;
