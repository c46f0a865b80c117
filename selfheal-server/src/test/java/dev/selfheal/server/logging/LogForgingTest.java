package dev.selfheal.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A value that carries a newline or a terminal control cannot forge or hide a line of the daemon's log. */
class LogForgingTest {

    @Test
    void aNewlineInALoggedValueDoesNotStartALineOfItsOwn() {
        String label = "web\nts=2026-12-07T10:00:00.000Z level=ERROR logger=Audit thread=main event=audit by=admin";
        try (ProductionLogOutput log = ProductionLogOutput.open()) {
            LoggerFactory.getLogger(LogForgingTest.class).warn("event=alert_ingested label=\"{}\"", label);

            String[] lines = log.text().split("\n");
            assertThat(lines).hasSize(1);
            assertThat(Arrays.stream(lines).filter(l -> l.startsWith("ts=2026-12-07T10:00:00.000Z"))).isEmpty();
            assertThat(lines[0]).contains("label=\"web\\nts=2026-12-07T10:00:00.000Z level=ERROR");
        }
    }

    @Test
    void controlCharactersAndDirectionOverridesAreShownEscaped() {
        try (ProductionLogOutput log = ProductionLogOutput.open()) {
            LoggerFactory.getLogger(LogForgingTest.class).warn("event=x value=\"{}\"", "a\u001b[31mb\u0000c\u202ed\re\u0085f");

            assertThat(log.text()).contains("value=\"a\\u001b[31mb\\u0000c\\u202ed\\re\\u0085f\"")
                    .doesNotContain("\u001b", "\u0000", "\u202e", "\r", "\u0085");
        }
    }

    @Test
    void printableTextIsLeftAsItIs() {
        assertThat(LogEscaping.escape("event=ok name=\"café – ü\" path=/a/b")).isEqualTo("event=ok name=\"café – ü\" path=/a/b");
    }
}
