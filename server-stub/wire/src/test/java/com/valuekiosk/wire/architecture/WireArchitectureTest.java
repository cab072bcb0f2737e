package com.valuekiosk.wire.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.valuekiosk.wire.architecture.internal.Hidden;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The wire messages' public API ({@code com.valuekiosk.wire}) and the internal package
 * ({@code com.valuekiosk.wire.internal}, empty for now) stay apart, OkHttp's way. This module
 * checks its own side; kiosk and servers check the other (README.md has the rule):
 * {@code noClasses().that().resideOutsideOfPackage("com.valuekiosk.wire..").should()
 * .dependOnClassesThat().resideInAPackage("com.valuekiosk.wire.internal..")}.
 */
class WireArchitectureTest {

    private static final String MODULE = "com.valuekiosk.wire..";
    private static final String INTERNAL = "com.valuekiosk.wire.internal..";

    private static final JavaClasses WIRE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.valuekiosk.wire");

    @Test
    void noPublicSignatureOfTheApiMentionsAnInternalType() {
        classes().that().resideOutsideOfPackage(INTERNAL).and().arePublic()
                .should(exposeNoTypeOf(INTERNAL))
                .check(WIRE);
    }

    @Test
    void internalClassesAreUsedOnlyByTheMessagesThemselves() {
        classes().that().resideInAPackage(INTERNAL)
                .should().onlyHaveDependentClassesThat().resideInAPackage(MODULE)
                .allowEmptyShould(true)
                .check(WIRE);
    }

    /**
     * Kiosk and servers get the messages, the one mapper and the one maker of the ids the messages
     * carry; everything else stays package-private.
     */
    @Test
    void theApiIsTheMessagesTheMapperThePathsAndTheErrorCodes() {
        classes().that().resideInAPackage("com.valuekiosk.wire").and().arePublic().and().areTopLevelClasses()
                .and().areNotRecords().and().areNotEnums()
                .should().haveSimpleName("Json").orShould().haveSimpleName("ApiPaths").orShould().haveSimpleName("Fields")
                .orShould().haveSimpleName("TimeOrderedIds")
                .because("a new public helper is a new API: messages are records, codes are enums")
                .check(WIRE);
    }

    /** The signature rule is not vacuous: a public method, field and constructor that leak an internal type are each reported. */
    @Test
    void theSignatureRuleReportsEveryLeak() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);

        String report = String.join("\n", classes().should(exposeNoTypeOf("..architecture.internal..")).evaluate(leaky)
                .getFailureReport().getDetails());

        assertThat(report).contains("LeakyApi.detail() exposes the internal type " + Hidden.class.getName(),
                        "LeakyApi.DETAILS exposes", "LeakyApi.<init>(")
                .doesNotContain("hidden");
    }

    /**
     * Classes whose public or protected members, superclass or interfaces mention a type of
     * {@code packageIdentifier}, including as a type argument, array component or thrown exception.
     */
    static ArchCondition<JavaClass> exposeNoTypeOf(String packageIdentifier) {
        DescribedPredicate<JavaClass> internal = JavaClass.Predicates.resideInAPackage(packageIdentifier);
        return new ArchCondition<>("expose no type of " + packageIdentifier + " in a public or protected signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getSuperclass().ifPresent(superclass -> report(type, "superclass", involved(superclass), events));
                for (JavaType implemented : type.getInterfaces()) {
                    report(type, "interface", involved(implemented), events);
                }
                for (JavaMember member : type.getMembers()) {
                    Set<JavaModifier> modifiers = member.getModifiers();
                    if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
                        continue;
                    }
                    Set<JavaClass> raw = new LinkedHashSet<>();
                    if (member instanceof JavaField field) {
                        raw.addAll(field.getAllInvolvedRawTypes());
                    } else if (member instanceof JavaCodeUnit codeUnit) {
                        raw.addAll(codeUnit.getAllInvolvedRawTypes());
                        raw.addAll(codeUnit.getExceptionTypes());
                    }
                    report(type, member.getFullName(), raw, events);
                }
            }

            private void report(JavaClass type, String where, Set<JavaClass> raw, ConditionEvents events) {
                for (JavaClass mentioned : raw) {
                    JavaClass base = mentioned.isArray() ? mentioned.getBaseComponentType() : mentioned;
                    if (internal.test(base)) {
                        events.add(SimpleConditionEvent.violated(type, where + " exposes the internal type " + base.getName()));
                    }
                }
            }

            private Set<JavaClass> involved(JavaType type) {
                return type.getAllInvolvedRawTypes();
            }
        };
    }

    /** What the rule must refuse: read as bytes by the test above, never part of the messages. */
    @SuppressWarnings("unused")
    public static final class LeakyApi {

        public static final java.util.List<Hidden> DETAILS = java.util.List.of();

        public LeakyApi(Hidden[] details) {
        }

        public Hidden detail() {
            return null;
        }

        Hidden hidden() {
            return null;
        }
    }
}
