package dev.selfheal.bench.alerts;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.Decision;
import dev.selfheal.alerting.HoldReason;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the pipeline told a person about an incident, from its recorded decisions.
 *
 * <ul>
 *   <li>{@link How#SENT}: a SENT decision for one of the incident's alerts (a firing message, or a
 *       critical one, or one past its grace, sent marked resolved with its group).</li>
 *   <li>{@link How#FLAPPING_NOTICE}: the incident's alert was held because its fingerprint is
 *       flapping and was already told once, and that one notice (an alert of the same
 *       fingerprint marked flapping, with a SENT decision) did go out. Flap damping sends a
 *       flapping alert once; the person knows it keeps cycling.</li>
 *   <li>{@link How#NONE}: neither; held as flapping while no flapping notice went out counts as none.</li>
 * </ul>
 */
final class IncidentNotice {

    enum How { SENT, FLAPPING_NOTICE, NONE }

    private final List<Alert> raised;
    private final Function<String, List<Decision>> decisions;
    private final Set<String> flapNoticeSent;

    /** {@code raised}: every alert the pipeline stored (resolved ones included); {@code decisions}: an alert's decisions by id. */
    IncidentNotice(List<Alert> raised, Function<String, List<Decision>> decisions) {
        this.raised = List.copyOf(raised);
        this.decisions = decisions;
        this.flapNoticeSent = raised.stream().filter(Alert::flapping).filter(this::sent).map(Alert::fingerprint)
                .collect(Collectors.toUnmodifiableSet());
    }

    List<Alert> alertsOf(String incidentId) {
        return raised.stream().filter(a -> a.incidentId().filter(incidentId::equals).isPresent()).toList();
    }

    How how(String incidentId) {
        List<Alert> ofIncident = alertsOf(incidentId);
        if (ofIncident.stream().anyMatch(this::sent)) {
            return How.SENT;
        }
        boolean coveredByFlapNotice = ofIncident.stream().filter(a -> flapNoticeSent.contains(a.fingerprint()))
                .flatMap(a -> decisions.apply(a.id()).stream())
                .anyMatch(d -> d.outcome() == Decision.Outcome.HELD && d.reason().filter(HoldReason.FLAPPING::equals).isPresent());
        return coveredByFlapNotice ? How.FLAPPING_NOTICE : How.NONE;
    }

    private boolean sent(Alert a) {
        return decisions.apply(a.id()).stream().anyMatch(d -> d.outcome() == Decision.Outcome.SENT);
    }
}
