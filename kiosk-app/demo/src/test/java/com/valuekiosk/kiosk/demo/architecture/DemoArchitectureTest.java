package com.valuekiosk.kiosk.demo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo runs the servers in-process, and only its composition knows them; the card panel is a plain UI part. */
class DemoArchitectureTest {

    private static JavaClasses demo;

    @BeforeAll
    static void importDemo() {
        demo = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.valuekiosk.kiosk.demo");
    }

    @Test
    void onlyTheDemosServersUseTheServerCode() {
        noClasses().that().doNotBelongToAnyOf(com.valuekiosk.kiosk.demo.DemoServers.class) // nor its nested classes
                .should().dependOnClassesThat().resideInAPackage("com.valuekiosk.server..")
                .because("everything else in the demo talks to the servers over the network, as a site kiosk does")
                .check(demo);
    }

    @Test
    void theCardPanelKnowsNeitherTheDemoNorTheEngineBeyondItsReaders() {
        noClasses().that().resideInAPackage("com.valuekiosk.kiosk.demo.panel..")
                .should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.kiosk.app..", "com.valuekiosk.kiosk.flow..",
                        "com.valuekiosk.kiosk.client..", "com.valuekiosk.kiosk.journal..", "com.valuekiosk.server..")
                .check(demo);
        noClasses().that().resideInAPackage("com.valuekiosk.kiosk.demo.panel..")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.valuekiosk.kiosk.demo.DemoKiosk")
                .check(demo);
    }
}
