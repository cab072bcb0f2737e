package com.valuekiosk.card.host.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
import com.valuekiosk.card.host.internal.Bcd;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The host library's public API ({@code com.valuekiosk.card.host}) and its internal package
 * ({@code com.valuekiosk.card.host.internal}) stay apart, OkHttp's way. This module checks its own
 * side; each module that uses the library checks the other (README.md has the rule):
 * {@code noClasses().that().resideOutsideOfPackage("com.valuekiosk.card.host..").should()
 * .dependOnClassesThat().resideInAPackage("com.valuekiosk.card.host.internal..")}.
 */
class HostArchitectureTest {

    private static final String LIBRARY = "com.valuekiosk.card.host..";
    private static final String INTERNAL = "com.valuekiosk.card.host.internal..";

    private static final JavaClasses HOST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.valuekiosk.card.host");

    @Test
    void noPublicSignatureOfTheApiMentionsAnInternalType() {
        classes().that().resideOutsideOfPackage(INTERNAL).and().arePublic()
                .should(exposeNoTypeOf(INTERNAL))
                .check(HOST);
    }

    @Test
    void internalClassesAreUsedOnlyByTheLibraryItself() {
        classes().that().resideInAPackage(INTERNAL)
                .should().onlyHaveDependentClassesThat().resideInAPackage(LIBRARY)
                .check(HOST);
    }

    @Test
    void byteArraysAreComparedInConstantTime() {
        noClasses().should().callMethod(Arrays.class, "equals", byte[].class, byte[].class)
                .because("Arrays.equals stops at the first differing byte; MACs, cryptograms and receipts are"
                        + " compared with MessageDigest.isEqual (CardKeys.macMatches)")
                .check(HOST);
    }

    /** The signature rule is not vacuous: a public method, field and constructor that leak an internal type are each reported. */
    @Test
    void theSignatureRuleReportsEveryLeak() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);

        String report = String.join("\n", classes().should(exposeNoTypeOf(INTERNAL)).evaluate(leaky)
                .getFailureReport().getDetails());

        assertThat(report).contains("LeakyApi.codec() exposes the internal type com.valuekiosk.card.host.internal.Bcd",
                        "LeakyApi.CODEC exposes", "LeakyApi.<init>(")
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

    /** What the rule must refuse: read as bytes by the test above, never part of the library. */
    @SuppressWarnings("unused")
    public static final class LeakyApi {

        public static final Bcd[] CODEC = new Bcd[0];

        public LeakyApi(Bcd[] codecs) {
        }

        public Bcd codec() {
            return null;
        }

        Bcd hidden() {
            return null;
        }
    }
}
