package dev.selfheal.demo.sim.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.SimJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger on disk: one JSON object per line, appended and fsync'd before the answer
 * leaves, so a simulator killed at any point still knows every answer it gave.
 *
 * <p>A torn last line (the process died mid-write, before the answer could leave) is
 * skipped with a warning; a bad line anywhere else means the file is not ours or was
 * damaged, and loading refuses with the file and line rather than forget applications.
 */
public final class StateFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateFile.class);

    private final Path path;
    private final FileChannel channel;

    private StateFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (creating if needed) the file for appending. */
    public static StateFile open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new StateFile(path, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("state file " + path + " cannot be opened for appending: " + e.getMessage(), e);
        }
    }

    /** Reads every record in the file at {@code path} (none when it does not exist). */
    public static List<LedgerRecord> load(Path path) {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("state file " + path + " cannot be read: " + e.getMessage(), e);
        }
        List<LedgerRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(decode(line));
            } catch (RuntimeException e) {
                if (i == lines.size() - 1) {
                    log.warn("event=state_file_torn_line file={} line={} detail=\"{}\"", path, i + 1, e.getMessage());
                    continue;
                }
                throw new IllegalStateException("state file " + path + " line " + (i + 1) + " is not a ledger record: "
                        + e.getMessage() + "; refusing to start rather than forget what was applied", e);
            }
        }
        return records;
    }

    /** Appends one record and forces it to disk. */
    public synchronized void append(LedgerRecord record) {
        byte[] bytes = (SimJson.write(encode(record)) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("state file " + path + " cannot be appended to: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("event=state_file_close_failed file={} error=\"{}\"", path, e.getMessage());
        }
    }

    private static ObjectNode encode(LedgerRecord record) {
        ObjectNode node = SimJson.object()
                .put("kind", record.kind().name().toLowerCase())
                .put("operation", record.operation())
                .put("at", record.at().toString());
        record.key().ifPresent(key -> node.put("key", key));
        record.answer().ifPresent(answer -> node.put("status", answer.status()).put("body", answer.body()));
        return node;
    }

    private static LedgerRecord decode(String line) {
        JsonNode node = SimJson.parse(line, "ledger record");
        LedgerRecord.Kind kind = LedgerRecord.Kind.valueOf(required(node, "kind").toUpperCase());
        Optional<String> key = Optional.ofNullable(node.get("key")).map(JsonNode::asText);
        Optional<StoredAnswer> answer = node.has("status")
                ? Optional.of(new StoredAnswer(node.get("status").asInt(), required(node, "body")))
                : Optional.empty();
        if (kind == LedgerRecord.Kind.APPLIED && answer.isEmpty()) {
            throw new IllegalArgumentException("an applied record without \"status\" and \"body\"");
        }
        return new LedgerRecord(kind, key, required(node, "operation"), Instant.parse(required(node, "at")), answer);
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing or not a string");
        }
        return value.asText();
    }
}
