package com.valuekiosk.card.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The simulator and its tests use the host card library through its public API only: the rule
 * every module that links {@code card-host} holds itself to (card-applets/host/README.md).
 */
class HostApiUsageTest {

    private static final JavaClasses SIMULATOR = new ClassFileImporter().importPackages("com.valuekiosk.card.sim");

    @Test
    void nothingHereUsesTheHostLibrarysInternalPackage() {
        noClasses().that().resideOutsideOfPackage("com.valuekiosk.card.host..")
                .should().dependOnClassesThat().resideInAPackage("com.valuekiosk.card.host.internal..")
                .check(SIMULATOR);
    }
}
