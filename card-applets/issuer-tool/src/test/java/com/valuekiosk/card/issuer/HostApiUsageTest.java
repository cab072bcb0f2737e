package com.valuekiosk.card.issuer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The issuer tool uses the host card library through its public API only (card-applets/host/README.md). */
class HostApiUsageTest {

    private static final JavaClasses ISSUER_TOOL = new ClassFileImporter().importPackages("com.valuekiosk.card.issuer");

    @Test
    void nothingHereUsesTheHostLibrarysInternalPackage() {
        noClasses().that().resideOutsideOfPackage("com.valuekiosk.card.host..")
                .should().dependOnClassesThat().resideInAPackage("com.valuekiosk.card.host.internal..")
                .check(ISSUER_TOOL);
    }
}
