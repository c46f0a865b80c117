package dev.selfheal.integrations.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The checks every webhook request passes before anything is processed, in this order:
 * size (over the limit → 413), signature (bad or missing → 401), JSON (malformed → 400 with the
 * parser's reason). Framework-free: an HTTP route maps {@link Result} to its answer.
 */
public final class WebhookIntake {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookVerifier verifier;
    private final int maxBodyBytes;

    public WebhookIntake(WebhookVerifier verifier, int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
        }
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String source() {
        return verifier.source();
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Result accept(byte[] body, Map<String, String> headers) {
        if (body.length > maxBodyBytes) {
            return new Result.Refused(413, "body is %d bytes; the limit is %d".formatted(body.length, maxBodyBytes));
        }
        Verification verification = verifier.verify(body, headers);
        if (verification instanceof Verification.Rejected rejected) {
            return new Result.Refused(401, "signature rejected: " + rejected.reason());
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                return new Result.Refused(400, "malformed JSON: the body is empty");
            }
            return new Result.Accepted(json);
        } catch (JsonProcessingException e) {
            return new Result.Refused(400, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line %d, column %d".formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()) : ""));
        } catch (java.io.IOException e) {
            return new Result.Refused(400, "malformed JSON: " + e.getMessage());
        }
    }

    /** What became of one request. */
    public sealed interface Result {
        record Accepted(JsonNode json) implements Result { }

        record Refused(int status, String reason) implements Result { }
    }
}
