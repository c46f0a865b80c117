package dev.selfheal;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Core's packages form layers, and a package uses only packages in its own layer or below.
 * Bottom to top:
 *
 * <pre>
 *  orchestrator     orchestrator                         the loop that wires the capabilities
 *  learning         learning · patterns · prediction     learn from records, find patterns, forecast
 *  response         recovery.. · degradation · alerting.. · escalation
 *  detection        health.. · metrics · anomaly
 *  guards           resilience.. · incident.lifecycle · cluster
 *  events           events                               the sealed event family and its bus
 *  vocabulary       incident · status · time · redaction · process · logs   values and OS mechanisms every layer uses
 * </pre>
 *
 * <p>{@code ..} means the package and its subpackages. Inside a layer packages may use each
 * other (escalation uses alerting, metrics uses anomaly), but no two packages anywhere form a
 * cycle. Every class of core sits in one of these packages: a new package is placed here, on
 * purpose, before it compiles into the build.
 *
 * <p>Where new things go: a store interface lives in the package of what it stores
 * ({@code alerting.AlertStore}, {@code recovery.RecoveryJournal}); a capability above
 * recovery that wants a say in a plan implements {@code recovery.ActionOutcomes} rather than
 * being called by recovery; an event record goes into {@code events} and may carry only
 * vocabulary values.
 */
@AnalyzeClasses(packages = "dev.selfheal", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreLayersTest {

    private static final String[] VOCABULARY = {"dev.selfheal.incident", "dev.selfheal.status", "dev.selfheal.time", "dev.selfheal.redaction",
            "dev.selfheal.process", "dev.selfheal.logs"};
    private static final String[] EVENTS = {"dev.selfheal.events"};
    private static final String[] GUARDS = {"dev.selfheal.resilience..", "dev.selfheal.incident.lifecycle..", "dev.selfheal.cluster.."};
    private static final String[] DETECTION = {"dev.selfheal.health..", "dev.selfheal.metrics..", "dev.selfheal.anomaly.."};
    private static final String[] RESPONSE = {"dev.selfheal.recovery..", "dev.selfheal.degradation..",
            "dev.selfheal.alerting..", "dev.selfheal.escalation.."};
    private static final String[] LEARNING = {"dev.selfheal.learning..", "dev.selfheal.patterns..", "dev.selfheal.prediction.."};
    private static final String[] ORCHESTRATOR = {"dev.selfheal.orchestrator.."};

    @ArchTest
    static final ArchRule packages_use_only_their_layer_and_those_below = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("vocabulary").definedBy(VOCABULARY)
            .layer("events").definedBy(EVENTS)
            .layer("guards").definedBy(GUARDS)
            .layer("detection").definedBy(DETECTION)
            .layer("response").definedBy(RESPONSE)
            .layer("learning").definedBy(LEARNING)
            .layer("orchestrator").definedBy(ORCHESTRATOR)
            .whereLayer("vocabulary").mayNotAccessAnyLayer()
            .whereLayer("events").mayOnlyAccessLayers("vocabulary")
            .whereLayer("guards").mayOnlyAccessLayers("vocabulary", "events")
            .whereLayer("detection").mayOnlyAccessLayers("vocabulary", "events", "guards")
            .whereLayer("response").mayOnlyAccessLayers("vocabulary", "events", "guards", "detection")
            .whereLayer("learning").mayOnlyAccessLayers("vocabulary", "events", "guards", "detection", "response")
            .whereLayer("orchestrator").mayOnlyAccessLayers("vocabulary", "events", "guards", "detection", "response", "learning");

    @ArchTest
    static final ArchRule every_class_sits_in_a_layer = classes()
            .should().resideInAnyPackage(concat(VOCABULARY, EVENTS, GUARDS, DETECTION, RESPONSE, LEARNING, ORCHESTRATOR))
            .because("each package of core is placed in a layer of CoreLayersTest on purpose");

    /**
     * Every package, subpackages included, is its own slice: {@code health.checks} may use
     * {@code health} but not the other way round as well.
     *
     * <p>One known exception: {@code alerting.routing} and {@code alerting.rules} use the alert
     * vocabulary ({@code Matcher}, {@code Notification}, {@code AlertStore}, ...) that sits in
     * {@code alerting} beside {@code IntelligentAlertManager}, which uses them in turn. The
     * manager's split by job (#18) separates the two; until then that edge, and only it, is let through.
     */
    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.selfheal.(**)")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAnyPackage("dev.selfheal.alerting.routing", "dev.selfheal.alerting.rules"),
                    resideInAPackage("dev.selfheal.alerting"));

    @ArchTest
    static final ArchRule core_knows_no_server_store_or_wire_format = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.selfheal.server..", "dev.selfheal.store..", "dev.selfheal.integrations..",
                    "dev.selfheal.demo..", "dev.selfheal.bench..",
                    "io.javalin..", "org.eclipse.jetty..", "com.sun.net.httpserver..", "jakarta.servlet..",
                    "org.jdbi..", "org.flywaydb..", "com.zaxxer.hikari..", "org.sqlite..", "org.postgresql..",
                    "com.fasterxml.jackson..", "org.yaml..", "picocli..")
            .because("core knows nothing of HTTP servers, SQL stores or YAML; they enter through small interfaces");

    @ArchTest
    static final ArchRule jdbc_only_where_a_user_database_is_checked_or_switched = noClasses()
            .that().resideOutsideOfPackages("dev.selfheal.health.checks", "dev.selfheal.recovery.db")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("only JdbcCheck and the fail-over data source touch a database, through the JDK's JDBC interfaces");

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
