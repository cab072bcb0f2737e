package com.valuekiosk.kiosk.diagnostics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diagnostics engine is shared by a command line and a JavaFX screen: it depends on neither. */
class DiagnosticsArchitectureTest {

    private static JavaClasses diagnostics;

    @BeforeAll
    static void importDiagnostics() {
        diagnostics = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.valuekiosk.kiosk.diagnostics");
    }

    @Test
    void theEngineKnowsNothingOfJavaFxNorOfItsFaces() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..",
                "com.valuekiosk.kiosk.app..", "com.valuekiosk.kiosk.ui..").check(diagnostics);
    }

    @Test
    void itShipsNoSimulatorAndNoServer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.card.sim..", "com.licel..",
                "com.valuekiosk.server..").check(diagnostics);
    }

    @Test
    void cardsAreReadThroughTheCardLibrarysPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.card.host.internal..")
                .check(diagnostics);
    }
}
