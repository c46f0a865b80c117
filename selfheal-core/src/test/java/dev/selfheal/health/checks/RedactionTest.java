package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void password_parameters_in_jdbc_urls_are_masked_whatever_the_separator() {
        assertThat(Redaction.url("jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true");
        assertThat(Redaction.url("jdbc:sqlserver://db;user=sa;password=hunter2;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=sa;password=***;encrypt=true");
        assertThat(Redaction.url("jdbc:mysql://app:hunter2@db/app")).isEqualTo("jdbc:mysql://app:***@db/app");
    }

    @Test
    void token_and_key_parameters_in_http_urls_are_masked() {
        assertThat(Redaction.url("https://api.example.com/zen?access_token=abc&api_key=def&page=2"))
                .isEqualTo("https://api.example.com/zen?access_token=***&api_key=***&page=2");
    }

    @Test
    void urls_without_secrets_are_left_alone() {
        assertThat(Redaction.url("http://127.0.0.1:8080/health?verbose=true")).isEqualTo("http://127.0.0.1:8080/health?verbose=true");
        assertThat(Redaction.url("jdbc:sqlite:/var/lib/selfheal/data.db")).isEqualTo("jdbc:sqlite:/var/lib/selfheal/data.db");
    }

    @Test
    void the_secrets_a_url_carries_are_listed_for_scrubbing() {
        assertThat(Redaction.secretsIn("jdbc:mysql://app:pw1@db/app?password=pw2&user=x")).containsExactlyInAnyOrder("pw1", "pw2");
        assertThat(Redaction.scrub("login failed for pw1", "pw1")).isEqualTo("login failed for ***");
    }

    @Test
    void secret_looking_header_names_are_recognised() {
        assertThat(Redaction.isSecretHeader("Authorization")).isTrue();
        assertThat(Redaction.isSecretHeader("X-Api-Key")).isTrue();
        assertThat(Redaction.isSecretHeader("X-Auth-Token")).isTrue();
        assertThat(Redaction.isSecretHeader("Accept")).isFalse();
    }
}
