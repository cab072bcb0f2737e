package com.valuekiosk.kiosk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC "How the parts may depend on each other", for the kiosk engine: a change that breaks it fails the build. */
class EngineArchitectureTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.valuekiosk.kiosk");
    }

    @Test
    void theEngineKnowsNothingOfJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(engine);
    }

    @Test
    void theKioskDoesNotDependOnServerInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.valuekiosk.server..").check(engine);
    }

    @Test
    void theEngineShipsNoSimulator() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.card.sim..", "com.licel..")
                .because("a site kiosk reads real cards; simulated readers live in kiosk-simulated-readers")
                .check(engine);
    }

    @Test
    void theCardLibraryAndTheWireMessagesAreUsedThroughTheirPublicApi() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.valuekiosk.card.host.internal..", "com.valuekiosk.wire.internal..")
                .because("card-host and server-wire keep their helpers internal; their README names the public API")
                .check(engine);
    }

    @Test
    void readersKnowNeitherServersNorFlows() {
        noClasses().that().resideInAPackage("..kiosk.reader..").should().dependOnClassesThat()
                .resideInAnyPackage("..kiosk.client..", "..kiosk.flow..", "..kiosk.journal..", "com.valuekiosk.wire..")
                .check(engine);
    }

    @Test
    void serverClientsKnowNeitherReadersNorFlows() {
        noClasses().that().resideInAPackage("..kiosk.client..").should().dependOnClassesThat()
                .resideInAnyPackage("..kiosk.reader..", "..kiosk.flow..", "..kiosk.journal..", "com.valuekiosk.card..")
                .check(engine);
    }

    @Test
    void theJournalKnowsOnlyItself() {
        noClasses().that().resideInAPackage("..kiosk.journal..").should().dependOnClassesThat()
                .resideInAnyPackage("..kiosk.reader..", "..kiosk.client..", "..kiosk.flow..")
                .check(engine);
    }
}
