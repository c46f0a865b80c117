package dev.selfheal.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void token_key_auth_and_credential_parameters_in_http_urls_are_masked() {
        assertThat(Redaction.url("https://api.example.com/zen?access_token=abc&api_key=def&page=2"))
                .isEqualTo("https://api.example.com/zen?access_token=***&api_key=***&page=2");
        assertThat(Redaction.url("https://h/x?auth=a1&credential=c1&X-Amz-Signature=s1&sessionid=q1&pwd=p1&n=1"))
                .isEqualTo("https://h/x?auth=***&credential=***&X-Amz-Signature=***&sessionid=***&pwd=***&n=1");
    }

    @Test
    void user_info_without_a_colon_is_a_token_and_is_masked_whole() {
        assertThat(Redaction.url("https://ghp_abcdef@github.com/org/repo")).isEqualTo("https://***@github.com/org/repo");
    }

    @Test
    void urls_without_secrets_are_left_alone() {
        assertThat(Redaction.url("http://127.0.0.1:8080/health?verbose=true")).isEqualTo("http://127.0.0.1:8080/health?verbose=true");
        assertThat(Redaction.url("jdbc:sqlite:/var/lib/selfheal/data.db")).isEqualTo("jdbc:sqlite:/var/lib/selfheal/data.db");
    }

    @Test
    void the_secrets_a_url_carries_are_listed_for_scrubbing() {
        assertThat(Redaction.secretsIn("jdbc:mysql://app:pw1@db/app?password=pw2&user=x")).containsExactlyInAnyOrder("pw1", "pw2");
        assertThat(Redaction.secretsIn("https://tok9@h/?auth=pw3")).containsExactlyInAnyOrder("tok9", "pw3");
        assertThat(Redaction.scrub("login failed for pw1", "pw1")).isEqualTo("login failed for ***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "Proxy-Authorization", "X-Api-Key", "X-Auth-Token", "Cookie", "PGPASSWORD",
            "DB_PASSWD", "client_secret", "AWS_CREDENTIALS", "x-session", "pwd"})
    void secret_names_are_recognised(String name) {
        assertThat(Redaction.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Content-Type", "MODE", "HOME", "user", "group"})
    void ordinary_names_are_not_secret(String name) {
        assertThat(Redaction.isSecretName(name)).isFalse();
    }

    @Test
    void a_map_shows_only_the_values_of_ordinary_names() {
        assertThat(Redaction.map(Map.of("Authorization", "Bearer x", "Accept", "text/plain")))
                .containsEntry("Authorization", "***").containsEntry("Accept", "text/plain");
    }

    @Test
    void free_text_loses_every_secret_form_and_keeps_the_rest() {
        String line = "cannot connect to https://bot:pw-1@h/x?auth=pw-2&credential=pw-3 (password=pw-4, token=pw-5)"
                + " sent 'Authorization: Bearer abcdefgh12345678' to https://tok-6@h2/ api_key=pw-7";

        String shown = Redaction.text(line);

        assertThat(shown).doesNotContain("pw-1", "pw-2", "pw-3", "pw-4", "pw-5", "abcdefgh12345678", "tok-6", "pw-7")
                .contains("cannot connect to https://bot:***@h/x?auth=***&credential=***", "(password=***, token=***)",
                        "Bearer ***", "https://***@h2/");
    }

    @Test
    void selfhealS_own_key_value_fields_stay_readable() {
        String line = "event=call_parked integration=github operation=comment key=issue-42 outbox_size=3 reason=\"down\"";

        assertThat(Redaction.text(line)).isEqualTo(line);
        assertThat(Redaction.text("event=check_failed check=api status=DOWN")).isEqualTo("event=check_failed check=api status=DOWN");
    }
}
