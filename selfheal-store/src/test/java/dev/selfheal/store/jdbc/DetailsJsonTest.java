package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DetailsJsonTest {

    @Test
    void noDetailsAreStoredAsNullAndReadBackAsAnEmptyMap() {
        assertThat(DetailsJson.encode(Map.of())).isEmpty();
        assertThat(DetailsJson.decode(null, 1)).isEmpty();
    }

    @Test
    void aValueJacksonCannotWriteIsKeptAsItsTextRatherThanLosingTheResult() {
        Object opaque = new Object() {
            @Override
            public String toString() {
                return "opaque-handle";
            }
        };

        String json = DetailsJson.encode(Map.of("handle", opaque, "port", 5432)).orElseThrow();

        assertThat(DetailsJson.decode(json, 1)).containsEntry("handle", "opaque-handle").containsEntry("port", 5432);
    }

    @Test
    void aCorruptDetailsColumnIsReportedWithItsRowId() {
        assertThatThrownBy(() -> DetailsJson.decode("{not json", 42))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check_results.details of row id=42");
    }
}
