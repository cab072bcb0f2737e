package com.valuekiosk.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * SPEC "How the parts may depend on each other", for the servers, and the package layout of
 * {@code server-stub/servers/README.md}: services and storage know nothing of HTTP; one HTTP layer
 * (the shared {@code http} package and each server's {@code http} endpoints) turns their decisions
 * into answers; each server's {@code internal} package is its own.
 */
class ServerArchitectureTest {

    private static final JavaClasses SERVERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.valuekiosk.server");

    /** The shared HTTP machinery and each server's endpoints. */
    private static final String[] HTTP_LAYER = {"com.valuekiosk.server.http..", "com.valuekiosk.server.credit.http..",
        "com.valuekiosk.server.emoney.http.."};

    @Test
    void serversNeverDependOnKioskCodeOrSimulatedCards() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.kiosk..", "com.valuekiosk.card.sim..",
                "com.valuekiosk.card.applet..").check(SERVERS);
    }

    @Test
    void theCardLibraryAndTheWireMessagesAreUsedThroughTheirPublicApi() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.valuekiosk.card.host.internal..", "com.valuekiosk.wire.internal..")
                .because("card-host and server-wire keep their helpers internal; their README names the public API")
                .check(SERVERS);
    }

    @Test
    void theTwoServersDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("..server.credit..").should().dependOnClassesThat()
                .resideInAPackage("..server.emoney..").check(SERVERS);
        noClasses().that().resideInAPackage("..server.emoney..").should().dependOnClassesThat()
                .resideInAPackage("..server.credit..").check(SERVERS);
    }

    @Test
    void servicesAndStorageKnowNothingOfHttpOrJetty() {
        noClasses().that().resideInAnyPackage("com.valuekiosk.server.service..", "com.valuekiosk.server.db..",
                        "com.valuekiosk.server.credit.internal..", "com.valuekiosk.server.emoney.internal..")
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_LAYER)
                .orShould().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                .check(SERVERS);
    }

    @Test
    void onlyTheSharedHttpPackageTouchesJetty() {
        noClasses().that().resideOutsideOfPackage("com.valuekiosk.server.http..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                .check(SERVERS);
    }

    @Test
    void endpointsCallServicesAndNeverTheDatabase() {
        noClasses().that().resideInAnyPackage("com.valuekiosk.server.credit.http..", "com.valuekiosk.server.emoney.http..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "com.valuekiosk.server.db..")
                .check(SERVERS);
    }

    @Test
    void theSharedHttpLayerServesAnyServerAndKnowsNone() {
        noClasses().that().resideInAPackage("com.valuekiosk.server.http..")
                .should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.server.credit..",
                        "com.valuekiosk.server.emoney..", "com.valuekiosk.server.cli..", "com.valuekiosk.server.demo..")
                .check(SERVERS);
    }

    @Test
    void aServersInternalPackageIsUsedOnlyByThatServer() {
        classes().that().resideInAPackage("com.valuekiosk.server.credit.internal..")
                .should().onlyBeAccessed().byAnyPackage("com.valuekiosk.server.credit..").check(SERVERS);
        classes().that().resideInAPackage("com.valuekiosk.server.emoney.internal..")
                .should().onlyBeAccessed().byAnyPackage("com.valuekiosk.server.emoney..").check(SERVERS);
    }

    @Test
    void servicesAreNotToldAboutTheCommandLineOrTheDemo() {
        noClasses().that().resideInAnyPackage("com.valuekiosk.server.service..", "com.valuekiosk.server.db..",
                        "com.valuekiosk.server.credit..", "com.valuekiosk.server.emoney..")
                .should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.server.cli..", "com.valuekiosk.server.demo..")
                .check(SERVERS);
        noClasses().that().resideInAnyPackage("com.valuekiosk.server.service..", "com.valuekiosk.server.db..")
                .should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.server.credit..", "com.valuekiosk.server.emoney..")
                .check(SERVERS);
    }

    @Test
    void metricsAreRecordedAtTheEdgesAndServicesKnowNothingOfThem() {
        noClasses().that().resideInAnyPackage("com.valuekiosk.server.service..", "com.valuekiosk.server.credit.internal..",
                        "com.valuekiosk.server.emoney.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("requests are measured in the HTTP layer and gauges are read by each server's assembly")
                .check(SERVERS);
        noClasses().that().resideOutsideOfPackage("com.valuekiosk.server.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer.prometheusmetrics..", "io.prometheus..")
                .because("one class chooses the Prometheus registry; the rest records through MeterRegistry")
                .check(SERVERS);
    }

    @Test
    void theMetricsPackageServesAnyServerAndKnowsNone() {
        noClasses().that().resideInAPackage("com.valuekiosk.server.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.server.credit..",
                        "com.valuekiosk.server.emoney..", "com.valuekiosk.server.cli..", "com.valuekiosk.server.demo..",
                        "com.valuekiosk.server.db..", "com.valuekiosk.server.http..", "org.eclipse.jetty..")
                .check(SERVERS);
    }
}
