package com.valuekiosk.kiosk.ui.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskUi;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the screens may depend on each other (README "Where things go"): a change that breaks it fails the build.
 * Screens meet only in the composition ({@link KioskScreens}) and through the {@code Navigator}; the shell knows
 * no screen; view models never touch a node.
 */
class UiArchitectureTest {

    private static final String UI = "com.valuekiosk.kiosk.ui";
    /** One package per screen (or per flow's screens): view, view model, process. */
    private static final String[] SCREENS = {"menu", "purchase", "chargeup", "balance", "receipt", "error", "processing", "takecard"};

    private static JavaClasses ui;

    @BeforeAll
    static void importUi() {
        ui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(UI);
    }

    private static String[] screenPackages() {
        return Arrays.stream(SCREENS).map(screen -> UI + "." + screen + "..").toArray(String[]::new);
    }

    @Test
    void theShellKnowsNoScreenAndNotTheWindow() {
        noClasses().that().resideInAPackage(UI + ".shell..")
                .should().dependOnClassesThat().resideInAnyPackage(screenPackages())
                .orShould().dependOnClassesThat().belongToAnyOf(KioskUi.class, KioskScreens.class)
                .because("the idle timeout and kiosk mode reach the screens through the Navigator and ShellHost only")
                .check(ui);
    }

    @ParameterizedTest
    @ValueSource(strings = {"menu", "purchase", "chargeup", "balance", "receipt", "error", "processing"})
    void aScreenPackageKnowsNoOtherScreen(String screen) {
        String[] others = Arrays.stream(SCREENS).filter(other -> !other.equals(screen))
                .map(other -> UI + "." + other + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(UI + "." + screen + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("screens meet in KioskScreens and navigate by Screen; what they share lives in the ui package")
                .check(ui);
    }

    @Test
    void screensDoNotKnowTheWindowOrTheComposition() {
        noClasses().that().resideInAnyPackage(screenPackages())
                .should().dependOnClassesThat().belongToAnyOf(KioskUi.class, KioskScreens.class)
                .because("view models get their processes, services and the Navigator through their constructors")
                .check(ui);
    }

    @Test
    void viewModelsAndProcessesTouchNoNodeAndNoView() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel").or().haveSimpleNameEndingWith("Process")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("View")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(UI + ".View")
                .because("a view model is state and commands; its view binds to it (JabRef, AtlantaFX)")
                .check(ui);
    }
}
