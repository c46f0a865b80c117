/**
 * Logging that stays readable on a bad day: {@link dev.selfheal.logs.RepeatingFailure} logs the
 * first failure of a kind with its stack trace and then only how many followed, so a failing disk
 * or a dead dependency costs a few lines a minute, not a stack trace per attempt.
 *
 * <p>Layer: vocabulary, the bottom. Uses nothing of selfheal.
 */
package dev.selfheal.logs;
