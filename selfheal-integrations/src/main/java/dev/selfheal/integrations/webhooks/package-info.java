/** Incoming webhooks from GitHub, Linear and Slack: signature verification (HMAC, timestamps) and intake. */
package dev.selfheal.integrations.webhooks;
