/**
 * Redaction: the one set of rules for which names and which parts of a URL or a line of text are
 * secrets, and how they are masked. Checks, the store, the config dump, the API and the log
 * layout all go through {@link dev.selfheal.redaction.Redaction}, so that what is hidden in one
 * place is hidden in every other.
 *
 * <p>Layer: vocabulary, the bottom. Uses nothing of selfheal.
 */
package dev.selfheal.redaction;
