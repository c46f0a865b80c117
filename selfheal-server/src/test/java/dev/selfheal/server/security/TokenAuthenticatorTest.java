package dev.selfheal.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.server.config.SecurityConfig;
import dev.selfheal.server.config.SecurityConfig.Role;
import dev.selfheal.server.testing.Tokens;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {

    private final String vera = Tokens.fresh("vera");
    private final String otto = Tokens.fresh("otto");
    private final List<SecurityConfig.Token> tokens = List.of(
            new SecurityConfig.Token("vera", Role.VIEWER, Tokens.sha256(vera)),
            new SecurityConfig.Token("otto", Role.OPERATOR, Tokens.sha256(otto)));

    @Test
    void aConfiguredTokenIsKnownByItsNameAndRoleAndAnyOtherIsNot() {
        TokenAuthenticator authenticator = new TokenAuthenticator(tokens);
        assertThat(authenticator.authenticate(otto)).contains(new Principal("otto", Role.OPERATOR));
        assertThat(authenticator.authenticate(vera)).contains(new Principal("vera", Role.VIEWER));
        assertThat(authenticator.authenticate(vera + "x")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
        assertThat(authenticator.authenticate(Tokens.sha256(vera))).as("the digest is not the token").isEmpty();
    }

    @Test
    void everyConfiguredTokenIsComparedAsTwo32ByteDigestsWhetherOneMatchesOrNone() {
        // Given a comparison that records what it is asked
        List<int[]> compared = new ArrayList<>();
        TokenAuthenticator authenticator = new TokenAuthenticator(tokens, (a, b) -> {
            compared.add(new int[] {a.length, b.length});
            return MessageDigest.isEqual(a, b);
        });

        // When the first token matches, the last matches, a short and a long unknown token are tried
        authenticator.authenticate(vera);
        authenticator.authenticate(otto);
        authenticator.authenticate("x");
        authenticator.authenticate("y".repeat(10_000));

        // Then each try compared every configured token, always 32 bytes against 32 bytes
        assertThat(compared).hasSize(4 * tokens.size()).allSatisfy(lengths -> assertThat(lengths).containsExactly(32, 32));
    }
}
