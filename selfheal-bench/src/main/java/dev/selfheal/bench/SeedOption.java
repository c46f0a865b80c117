package dev.selfheal.bench;

import picocli.CommandLine.Option;

/**
 * {@code --seed}: the seed every random draw of a bench's generated world derives from, so that a
 * run is repeated exactly by its seed and judged on seeds it was not tuned on. Use it with
 * {@code @Mixin SeedOption seed;}.
 */
public final class SeedOption {

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of every random draw of the generated world (default ${DEFAULT-VALUE}); the same seed repeats the run.")
    long seed;

    public long value() {
        return seed;
    }
}
