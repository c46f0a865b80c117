/**
 * Alerting: the {@link dev.selfheal.alerting.IntelligentAlertManager} pipeline (a raw
 * {@link dev.selfheal.alerting.AlertSignal} in, at most the notifications a person needs out,
 * and a {@link dev.selfheal.alerting.Decision} recorded for every step), the alert vocabulary
 * ({@link dev.selfheal.alerting.Alert}, severity, urgency, label
 * {@link dev.selfheal.alerting.Matcher}s, {@link dev.selfheal.alerting.Notification}), the
 * {@link dev.selfheal.alerting.NotificationChannel} plug-in point (implementations in
 * {@code selfheal-integrations}), and where alerts, decisions and silences are kept
 * ({@link dev.selfheal.alerting.AlertStore}: in memory, write-behind; JDBC in {@code selfheal-store}).
 *
 * <p>The manager is a coordinator over package-private parts with one job each: deduplication
 * ({@code OpenAlerts}), flap damping ({@code FlapHolds}, {@code FlappingIncidents}), the gates
 * ({@code Gates}, {@code Admission}), grouping ({@code Groups}, {@code GroupMessages}), delivery
 * ({@code Notices}, {@code DeliveryFallback}), resolution ({@code Resolutions}) and silence
 * reminders ({@code SilenceReminders}).
 *
 * <p>{@code alerting.rules} (silences, maintenance windows, severity rules, flapping,
 * inhibition by dependency) and {@code alerting.routing} (route tree, receivers, dispatch) are
 * the manager's parts. They still use this package's vocabulary while the manager uses them;
 * CoreLayersTest lets that one edge through until the manager's split separates the two.
 *
 * <p>Layer: response. Uses {@code resilience} (receivers are guarded), {@code events}, the
 * vocabulary.
 */
package dev.selfheal.alerting;
