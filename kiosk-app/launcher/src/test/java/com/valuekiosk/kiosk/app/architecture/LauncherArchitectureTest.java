package com.valuekiosk.kiosk.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher is the kiosk a site runs: no simulator and no server code in it (the demo, kiosk-demo, adds both).
 * The launcher's pom bans the same artifacts from its compile and runtime class path (maven-enforcer), and
 * installer/build.sh checks the application image for them.
 */
class LauncherArchitectureTest {

    private static JavaClasses launcher;

    @BeforeAll
    static void importLauncher() {
        launcher = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.valuekiosk.kiosk.app");
    }

    @Test
    void theSiteKioskUsesNoServerCode() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.valuekiosk.server..")
                .because("a real site's kiosk talks to its servers over the network only")
                .check(launcher);
    }

    @Test
    void theSiteKioskHasNoSimulatedReadersOrCards() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.valuekiosk.kiosk.simulated..", "com.valuekiosk.card.sim..", "com.licel..")
                .because("a site kiosk reads real cards through PC/SC; usability tests run the demo")
                .check(launcher);
    }

    @Test
    void theSiteKioskKnowsNoDemo() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.valuekiosk.kiosk.demo..").check(launcher);
    }

    /** What runs the site kiosk: none of the simulator's or the servers' classes can even be loaded. */
    @Test
    void theSiteKiosksMainClassPathHoldsNoSimulatorAndNoServers() {
        ClassLoader loader = LauncherArchitectureTest.class.getClassLoader();
        for (String absent : new String[] {"com.licel.jcardsim.base.Simulator", "com.valuekiosk.card.sim.SimulatedCard",
            "com.valuekiosk.kiosk.simulated.SimulatedReader", "com.valuekiosk.kiosk.demo.DemoMain"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Class.forName(absent, false, loader))
                    .as(absent).isInstanceOf(ClassNotFoundException.class);
        }
        // card-simulator carries jcardsim as a resource, loaded per chip in a class loader of its own.
        org.assertj.core.api.Assertions.assertThat(loader.getResource("com/valuekiosk/card/sim/jcardsim.jar")).isNull();
    }

    @Test
    void theConfigurationKnowsNoJavaFx() {
        noClasses().that().resideInAPackage("com.valuekiosk.kiosk.app.config..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(launcher);
    }
}
