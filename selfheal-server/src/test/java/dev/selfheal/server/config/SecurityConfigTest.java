package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.selfheal.server.config.SecurityConfig.Role;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityConfigTest {

    private static final String SHA_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SHA_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private static Config parse(String yaml) {
        return new ConfigLoader(Map.of("ADA_SHA", SHA_B)).parse(new StringReader(yaml), "test.yaml");
    }

    private static ConfigException problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml));
    }

    @Test
    void tokensAreReadWithTheirRolesAndDigestsAndTheDigestCanComeFromTheEnvironment() {
        Config config = parse("""
                server: { bind: 0.0.0.0 }
                security:
                  public-metrics: true
                  tokens:
                    - { name: vera, role: viewer, token-sha256: "%s" }
                    - { name: ada, role: ADMIN, token-sha256: "${ADA_SHA}" }
                """.formatted(SHA_A.toUpperCase()));
        assertThat(config.security().enabled()).isTrue();
        assertThat(config.security().publicMetrics()).isTrue();
        assertThat(config.security().tokens()).containsExactly(
                new SecurityConfig.Token("vera", Role.VIEWER, SHA_A), new SecurityConfig.Token("ada", Role.ADMIN, SHA_B));
        assertThat(config.security().tokens().getFirst().toString()).doesNotContain(SHA_A).contains("***");
    }

    @Test
    void withoutASecuritySectionTheApiIsOpenAndOnLoopback() {
        Config config = parse("server: { port: 0 }\n");
        assertThat(config.security().enabled()).isFalse();
        assertThat(config.security().publicMetrics()).isFalse();
        assertThat(config.server().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void anOpenApiOnANetworkAddressIsRefusedAtServerBindSayingWhyAndHowToFixIt() {
        ConfigException e = problemsOf("""
                store: { url: "jdbc:sqlite:x.db" }
                server:
                  port: 8080
                  bind: 0.0.0.0
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("server.bind");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(9);
            assertThat(p.message()).contains("0.0.0.0", "no API tokens", "bind to 127.0.0.1", "security.tokens", "sha256sum");
        });
    }

    @Test
    void loopbackAddressesInEveryFormNeedNoTokens() {
        for (String bind : new String[] {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"}) {
            assertThat(parse("server: { bind: \"%s\" }\n".formatted(bind)).server().bind()).isEqualTo(bind);
        }
        for (String bind : new String[] {"0.0.0.0", "::", "10.1.2.3"}) {
            assertThat(problemsOf("server: { bind: \"%s\" }\n".formatted(bind)).problems()).as(bind)
                    .anySatisfy(p -> assertThat(p.path()).isEqualTo("server.bind"));
        }
    }

    @Test
    void aConfigBuiltInCodeWithAnOpenNetworkBindIsRefusedToo() {
        assertThatThrownBy(() -> SecurityConfig.none().refuseOpenNetworkBind(new ServerConfig("0.0.0.0", 0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.bind").hasMessageContaining("no API tokens");
    }

    @Test
    void badTokensAreReportedWithTheirPlaceAndWithoutEchoingTheValue() {
        ConfigException e = problemsOf("""
                security:
                  tokens:
                    - { name: vera, role: watcher, token-sha256: "%s" }
                    - { name: otto, role: operator, token-sha256: "my-plain-token-123" }
                    - { name: vera, role: admin, token-sha256: "%s" }
                    - { role: admin, token-sha256: "%s", colour: blue }
                """.formatted(SHA_A, SHA_B, SHA_A));
        assertThat(e.getMessage())
                .contains("security.tokens[0].role (line 3, column 27): must be one of viewer, operator, admin, got 'watcher'")
                .contains("security.tokens[1].token-sha256 (line 4, column 51): must be the SHA-256 of the token as 64 hex digits")
                .contains("security.tokens[2].name (line 5, column 15): duplicate token name 'vera'")
                .contains("security.tokens[3].name")
                .contains("security.tokens[3].token-sha256")
                .contains("the same token is configured twice")
                .contains("unknown key 'colour'")
                .doesNotContain("my-plain-token-123");
    }

    @Test
    void theDumpShowsNamesAndRolesButNotTheDigests() {
        Config config = parse("""
                security: { tokens: [ { name: vera, role: viewer, token-sha256: "%s" } ] }
                """.formatted(SHA_A));
        String yaml = ConfigDump.yaml(config);
        assertThat(yaml).contains("name: vera", "role: viewer", "token-sha256: '***'").doesNotContain(SHA_A);
        assertThat(SecretMasker.of(config).mask("x " + SHA_A)).isEqualTo("x ***");
    }
}
