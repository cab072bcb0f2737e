package com.valuekiosk.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** SPEC "How the parts may depend on each other", for the servers. */
class ServerArchitectureTest {

    private static final JavaClasses SERVERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.valuekiosk.server");

    @Test
    void serversNeverDependOnKioskCodeOrSimulatedCards() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.valuekiosk.kiosk..", "com.valuekiosk.card.sim..",
                "com.valuekiosk.card.applet..").check(SERVERS);
    }

    @Test
    void theTwoServersDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("..server.credit..").should().dependOnClassesThat()
                .resideInAPackage("..server.emoney..").check(SERVERS);
        noClasses().that().resideInAPackage("..server.emoney..").should().dependOnClassesThat()
                .resideInAPackage("..server.credit..").check(SERVERS);
    }
}
