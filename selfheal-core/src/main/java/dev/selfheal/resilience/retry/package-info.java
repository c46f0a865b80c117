/**
 * Retry: the strategies (exponential, linear, fixed, adaptive) as Resilience4j interval
 * functions, {@link dev.selfheal.resilience.retry.RetrySettings}, and what is worth another
 * attempt ({@link dev.selfheal.resilience.retry.RetryClassifier},
 * {@link dev.selfheal.resilience.retry.ErrorCategory}, and the
 * {@link dev.selfheal.resilience.retry.HttpStatusException} integration clients throw so that
 * a failure's HTTP status and headers can be judged).
 *
 * <p>Layer: guards, a part below {@code resilience}. Uses nothing of selfheal.
 */
package dev.selfheal.resilience.retry;
