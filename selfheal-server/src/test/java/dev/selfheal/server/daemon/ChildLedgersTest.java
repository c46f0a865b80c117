package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.server.config.StoreConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildLedgersTest {

    private static final String PG = "jdbc:postgresql://db:5432/selfheal";

    @Test
    void aConfiguredStateDirWinsThenTheSqliteFileThenTheStateHome() {
        StoreConfig configured = new StoreConfig(PG, Optional.empty(), Optional.empty(), 7, 16, Optional.of(Path.of("/var/lib/sh")));
        StoreConfig sqlite = new StoreConfig("jdbc:sqlite:/data/selfheal.db", Optional.empty(), Optional.empty(), 7, 16);
        StoreConfig postgres = new StoreConfig(PG, Optional.of("app"), Optional.empty(), 7, 16);

        assertThat(ChildLedgers.directory(configured, Optional.empty(), Map.of())).isEqualTo(Path.of("/var/lib/sh/children"));
        assertThat(ChildLedgers.directory(sqlite, Optional.empty(), Map.of())).isEqualTo(Path.of("/data/selfheal.db.children.d"));
        assertThat(ChildLedgers.directory(postgres, Optional.empty(), Map.of("XDG_STATE_HOME", "/s", "HOME", "/h")))
                .isEqualTo(Path.of("/s/selfheal/children-" + ChildLedgers.key(postgres, Optional.empty())));
        assertThat(ChildLedgers.directory(postgres, Optional.empty(), Map.of("HOME", "/h")).getParent())
                .isEqualTo(Path.of("/h/.local/state/selfheal"));
    }

    @Test
    void theKeyTellsStoresUsersAndNodesApartAndIsStable() {
        StoreConfig a = new StoreConfig(PG, Optional.of("app"), Optional.empty(), 7, 16);
        StoreConfig b = new StoreConfig(PG, Optional.of("other"), Optional.empty(), 7, 16);
        StoreConfig c = new StoreConfig(PG + "2", Optional.of("app"), Optional.empty(), 7, 16);

        assertThat(ChildLedgers.key(a, Optional.empty())).hasSize(16).isEqualTo(ChildLedgers.key(a, Optional.empty()))
                .isNotEqualTo(ChildLedgers.key(b, Optional.empty())).isNotEqualTo(ChildLedgers.key(c, Optional.empty()))
                .isNotEqualTo(ChildLedgers.key(a, Optional.of("node-1")));
    }
}
