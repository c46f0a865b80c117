package dev.selfheal.server.security;

import dev.selfheal.server.config.SecurityConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Finds the configured token a presented bearer token is, without leaking which one by timing.
 *
 * <p>The presented token is hashed first, so what is compared is always two 32-byte digests
 * and the time does not depend on the token's length or on how many leading characters match;
 * the digests are compared with {@link MessageDigest#isEqual} (constant time), and every
 * configured token is compared, matched or not, so the time does not tell which one matched.
 */
public final class TokenAuthenticator {

    private record Known(SecurityConfig.Token token, byte[] digest) { }

    private final List<Known> tokens;
    private final BiPredicate<byte[], byte[]> equal;

    public TokenAuthenticator(List<SecurityConfig.Token> tokens) {
        this(tokens, MessageDigest::isEqual);
    }

    /** With another comparison: for tests that count comparisons. */
    TokenAuthenticator(List<SecurityConfig.Token> tokens, BiPredicate<byte[], byte[]> equal) {
        this.tokens = tokens.stream().map(t -> new Known(t, t.sha256())).toList();
        this.equal = equal;
    }

    /** The principal of a presented token, or empty when it is not one of the configured tokens. */
    public Optional<Principal> authenticate(String presented) {
        byte[] digest = sha256(presented);
        Principal found = null;
        for (Known known : tokens) {
            if (equal.test(digest, known.digest()) && found == null) {
                found = new Principal(known.token().name(), known.token().role());
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
