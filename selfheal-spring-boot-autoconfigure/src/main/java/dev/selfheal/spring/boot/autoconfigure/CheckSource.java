package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.incident.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * Checks a part of the application contributes to the healing loop, and the problem type each
 * of its components stands for when it fails. Declare a bean of this type to add your own checks;
 * the auto-configuration adds one for Actuator's health contributors and one for Resilience4j.
 */
public interface CheckSource {

    List<CheckDefinition> checks();

    /** Component → problem type, over the loop's defaults (group {@code database} → database_issues, ...). */
    default Map<String, ProblemType> problemTypes() {
        return Map.of();
    }
}
