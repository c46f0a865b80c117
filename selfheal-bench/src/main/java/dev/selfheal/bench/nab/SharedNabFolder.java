package dev.selfheal.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the shared NAB folder ({@code shared/data/nab}) is: the {@code selfheal.shared.dir}
 * property when it points at a folder that has it, else {@code ../shared} from the working
 * directory, else the first {@code shared} beside an ancestor of the working directory (a git
 * worktree sits one level deeper than the main checkout).
 */
public final class SharedNabFolder {

    private SharedNabFolder() {
    }

    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("selfheal.shared.dir");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolveSibling("shared"));
        }
        for (Path shared : candidates) {
            Path nab = shared.resolve("data").resolve("nab");
            if (Files.isDirectory(nab.resolve("data"))) {
                return nab.normalize();
            }
        }
        throw new IllegalStateException("no shared NAB folder found; tried " + candidates
                + " (set -Dselfheal.shared.dir or pass --data)");
    }
}
