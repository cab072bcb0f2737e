package com.valuekiosk.kiosk.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The launcher may run the servers in-process for the demo, and only there. */
class LauncherArchitectureTest {

    private static JavaClasses launcher;

    @BeforeAll
    static void importLauncher() {
        launcher = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.valuekiosk.kiosk.app");
    }

    @Test
    void onlyTheDemoPackageUsesTheServers() {
        noClasses().that().resideOutsideOfPackage("com.valuekiosk.kiosk.app.demo..")
                .should().dependOnClassesThat().resideInAPackage("com.valuekiosk.server..")
                .because("a real site's kiosk talks to its servers over the network only")
                .check(launcher);
    }

    @Test
    void theConfigurationKnowsNoJavaFxAndNoDemo() {
        noClasses().that().resideInAPackage("com.valuekiosk.kiosk.app.config..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.valuekiosk.kiosk.app.demo..")
                .check(launcher);
    }
}
