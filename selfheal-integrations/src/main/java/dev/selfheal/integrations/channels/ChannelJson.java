package dev.selfheal.integrations.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.selfheal.alerting.Alert;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** JSON for channels: a shared mapper, and the one way an alert is shown in a payload. */
public final class ChannelJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private ChannelJson() { }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An alert as a JSON object with snake_case keys. */
    public static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("fingerprint", a.fingerprint());
        m.put("component", a.component());
        m.put("problem_type", a.problemType());
        m.put("severity", a.severity().label());
        m.put("urgency", a.urgency().label());
        m.put("status", a.status().label());
        m.put("labels", new TreeMap<>(a.labels()));
        m.put("summary", a.summary());
        m.put("incident_id", a.incidentId().orElse(null));
        m.put("starts_at", a.startsAt().toString());
        m.put("ends_at", a.endsAt().map(Object::toString).orElse(null));
        m.put("flapping", a.flapping());
        return m;
    }
}
