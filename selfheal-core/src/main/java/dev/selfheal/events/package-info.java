/**
 * The closed family of {@link dev.selfheal.events.SelfHealEvent}s (a check ran, a status or a
 * breaker changed, an incident opened, a step ended, an alert moved, ...) and the in-process
 * {@link dev.selfheal.events.EventBus} every capability publishes to and subscribes on.
 *
 * <p>A new kind of event is a record here, added to the {@code permits} list, that carries
 * only vocabulary values (strings, numbers, {@code incident}, {@code status}): an event that
 * carried a capability's own type would pull that capability below the events it publishes.
 *
 * <p>Layer: events. Uses the vocabulary ({@code incident}, {@code status}, {@code time}).
 */
package dev.selfheal.events;
