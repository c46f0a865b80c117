package dev.selfheal.store.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A timeline entry's small string map as one TEXT column: {@code key=value} lines, with
 * backslash, newline and '=' escaped. No JSON library in the store for one flat map.
 */
final class TimelineData {

    private TimelineData() { }

    static String encode(Map<String, String> data) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(data).forEach((k, v) -> out.append(escape(k)).append('=').append(escape(v)).append('\n'));
        return out.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> data = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder();
        StringBuilder value = new StringBuilder();
        StringBuilder current = key;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                current.append(n == 'n' ? '\n' : n);
            } else if (c == '=' && current == key) {
                current = value;
            } else if (c == '\n') {
                data.put(key.toString(), value.toString());
                key.setLength(0);
                value.setLength(0);
                current = key;
            } else {
                current.append(c);
            }
        }
        return data;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
    }
}
