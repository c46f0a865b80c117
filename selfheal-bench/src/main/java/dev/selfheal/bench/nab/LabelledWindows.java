package dev.selfheal.bench.nab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NAB's {@code combined_windows.json}: {@code {"<category>/<file>.csv": [["start", "end"], ...]}}.
 *
 * <p>The format is so regular that a small tokenizer reads it; the bench module has no JSON
 * library and does not need one for this. Anything that is not the expected shape is an
 * error naming the file and the offending text.
 */
public final class LabelledWindows {

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|([\\[\\]{}:,])|(\\S)");

    private final Map<String, List<LabelledWindow>> byFile;

    private LabelledWindows(Map<String, List<LabelledWindow>> byFile) {
        this.byFile = byFile;
    }

    public static LabelledWindows read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    static LabelledWindows parse(String json, String source) {
        Matcher m = STRING.matcher(json);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            if (m.group(3) != null) {
                throw new IllegalArgumentException(source + ": unexpected text '" + m.group(3) + "' at offset " + m.start());
            }
            tokens.add(m.group(1) != null ? "\"" + m.group(1) : m.group(2));
        }
        Map<String, List<LabelledWindow>> result = new LinkedHashMap<>();
        int[] pos = {0};
        expect(tokens, pos, "{", source);
        while (!peek(tokens, pos).equals("}")) {
            String name = string(tokens, pos, source);
            expect(tokens, pos, ":", source);
            expect(tokens, pos, "[", source);
            List<LabelledWindow> windows = new ArrayList<>();
            while (!peek(tokens, pos).equals("]")) {
                expect(tokens, pos, "[", source);
                String start = string(tokens, pos, source);
                expect(tokens, pos, ",", source);
                String end = string(tokens, pos, source);
                expect(tokens, pos, "]", source);
                windows.add(new LabelledWindow(NabTime.parse(start), NabTime.parse(end)));
                if (peek(tokens, pos).equals(",")) {
                    pos[0]++;
                }
            }
            pos[0]++;
            result.put(name, List.copyOf(windows));
            if (peek(tokens, pos).equals(",")) {
                pos[0]++;
            }
        }
        return new LabelledWindows(result);
    }

    private static String peek(List<String> tokens, int[] pos) {
        return pos[0] < tokens.size() ? tokens.get(pos[0]) : "<end>";
    }

    private static void expect(List<String> tokens, int[] pos, String token, String source) {
        String got = peek(tokens, pos);
        if (!got.equals(token)) {
            throw new IllegalArgumentException(source + ": expected '" + token + "' but found '" + got + "' (token " + pos[0] + ")");
        }
        pos[0]++;
    }

    private static String string(List<String> tokens, int[] pos, String source) {
        String got = peek(tokens, pos);
        if (!got.startsWith("\"")) {
            throw new IllegalArgumentException(source + ": expected a string but found '" + got + "' (token " + pos[0] + ")");
        }
        pos[0]++;
        return got.substring(1);
    }

    /** The windows of one file, by its path relative to the data folder ({@code category/file.csv}). */
    public Optional<List<LabelledWindow>> windowsOf(String relativePath) {
        return Optional.ofNullable(byFile.get(relativePath.replace('\\', '/')));
    }

    public Map<String, List<LabelledWindow>> all() {
        return byFile;
    }
}
