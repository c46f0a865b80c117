package dev.selfheal.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

    private static final String YAML = """
            store: { url: "jdbc:postgresql://127.0.0.1:5432/test?password=urlpw-123", user: postgres, password: "${PGPASSWORD}" }
            checks:
              - name: github-api
                type: http
                url: "https://bot:basicpw-456@api.github.com/zen"
                headers: { Authorization: "Bearer ${GITHUB_TOKEN}", X-Api-Key: key-789abc, Accept: text/plain }
              - { name: db, type: jdbc, url: "jdbc:postgresql://127.0.0.1:5432/test", password: jdbcpw-000 }
              - { name: backup, type: command, command: [/bin/true], env: { BACKUP_TOKEN: envtok-111, MODE: quick } }
            """;

    private static final Map<String, String> ENV = Map.of("PGPASSWORD", "pgpw-secret-1", "GITHUB_TOKEN", "ghp_tok_222");
    private static final String[] SECRETS = {"urlpw-123", "pgpw-secret-1", "basicpw-456", "ghp_tok_222", "key-789abc",
            "jdbcpw-000", "envtok-111"};

    private final Config config = new ConfigLoader(ENV).parse(new StringReader(YAML), "test.yaml");

    @Test
    void theConfigsToStringShowsNoSecret() {
        String text = config.toString();

        assertThat(text).doesNotContain(SECRETS).contains("***").contains("text/plain").contains("quick");
    }

    @Test
    void theDumpShowsNoSecretButEverythingElse() {
        String yaml = ConfigDump.yaml(config);

        assertThat(yaml).doesNotContain(SECRETS)
                .contains("Authorization: '***'", "X-Api-Key: '***'", "BACKUP_TOKEN: '***'", "password: '***'")
                .contains("Accept: text/plain", "MODE: quick", "user: postgres", "https://bot:***@api.github.com/zen",
                        "jdbc:postgresql://127.0.0.1:5432/test?password=***");
    }

    @Test
    void theMaskerHidesEverySecretValueWhereverItTurnsUp() {
        SecretMasker masker = SecretMasker.of(config);

        String driverError = "FATAL: password authentication failed (password=pgpw-secret-1, token ghp_tok_222)";

        assertThat(masker.mask(driverError)).isEqualTo("FATAL: password authentication failed (password=***, token ***)");
        assertThat(masker.mask(Map.of("out", "envtok-111 ok", "code", 3))).containsEntry("out", "*** ok").containsEntry("code", 3);
    }
}
