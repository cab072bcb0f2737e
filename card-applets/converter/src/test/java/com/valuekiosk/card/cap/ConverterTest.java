package com.valuekiosk.card.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConverterTest {

    static final String PACKAGE = "com/valuekiosk/card/applet";

    static Converter.Settings settings() {
        return new Converter.Settings(PACKAGE, Hex.decode("F0564B494F534B00"), 1, 0, List.of(
                new Converter.AppletSpec(PACKAGE + "/CreditCardApplet", Hex.decode("F0564B494F534B01")),
                new Converter.AppletSpec(PACKAGE + "/PurseApplet", Hex.decode("F0564B494F534B02"))));
    }

    static Converter.Result convert() throws ConversionException {
        return Converter.convert(AppletPackage.classes(), settings(), ApiTokens.javaCard304());
    }

    @Test
    void twoConversionsGiveTheSameBytes() throws Exception {
        byte[] first = convert().cap().toJar();
        byte[] second = convert().cap().toJar();
        assertThat(second).isEqualTo(first);
    }

    /** Like the reference converter: every construct outside the subset is an error naming class, method and line. */
    @Test
    void constructsOutsideTheSubsetAreRefusedWithClassMethodAndLine() throws Exception {
        String fixture = "com/valuekiosk/card/cap/fixture";
        java.nio.file.Path location = java.nio.file.Path.of(ConverterTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Converter.Settings settings = new Converter.Settings(fixture, Hex.decode("F0564B494F534BFF"), 1, 0, List.of());

        org.assertj.core.api.ThrowableAssert.ThrowingCallable conversion =
                () -> Converter.convert(ClassFiles.read(location, fixture), settings, ApiTokens.javaCard304());

        ConversionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ConversionException.class, conversion);
        assertThat(refused).isNotNull();
        assertThat(refused.problems()).anyMatch(p -> p.matches(
                "Refused\\.wide\\(SSS\\)Z line \\d+: int result of IADD compared by IF_ICMP.. without a \\(short\\) or \\(byte\\) cast"));
        assertThat(refused.problems()).anyMatch(p -> p.matches("Refused\\.unsigned\\(S\\)S line \\d+: IUSHR: .*"));
        assertThat(refused.problems()).anyMatch(p -> p.matches("Refused\\.big\\(J\\)J line \\d+: LADD has no Java Card equivalent"));
        assertThat(refused.problems()).anyMatch(p -> p.matches("Refused\\.text\\(\\)Ljava/lang/Object; line \\d+: LDC of a String has no Java Card equivalent"));
        assertThat(refused.problems()).contains(
                "Refused field counter: static fields other than compile-time constants are not supported yet");
    }

    /** valuekiosk-cap convert, as the build runs it, writes the same bytes as the converter. */
    @Test
    void commandLineConvertWritesTheCapAndItsSummary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("out/applets.cap");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();

        int code = Main.execute(new String[] {"convert", "--classes", AppletPackage.location().toString(),
            "--package", "com.valuekiosk.card.applet", "--package-aid", "F0564B494F534B00",
            "--applet", "CreditCardApplet=F0564B494F534B01", "--applet", "PurseApplet=F0564B494F534B02", "--out", file.toString()},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(convert().cap().toJar());
        assertThat(out.toString()).contains("  Method ", "JVM instructions read: ", "Java Card instructions written: ", "  sadd ");
    }

    /** The translation read back from the CAP: narrowing casts, wide branches, switches, constants. */
    @Test
    void translationOfShortArithmeticBranchesAndSwitches() throws Exception {
        String name = "com/valuekiosk/card/cap/translation";
        java.nio.file.Path location = java.nio.file.Path.of(ConverterTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CapFile cap = Converter.convert(ClassFiles.read(location, name),
                new Converter.Settings(name, Hex.decode("F0564B494F534BFD"), 1, 0, List.of()), ApiTokens.javaCard304()).cap();
        String dump = CapDumper.dump(cap, ApiTokens.javaCard304());

        assertThat(CapVerifier.verify(cap)).isEmpty();
        // (short) (a + b): the i2s disappears, sadd is already 16 bits
        assertThat(dump).containsPattern(": max_stack 2, nargs 2, max_locals 0, 4 bytes\n"
                + "    0x[0-9A-F]{4}: sload_0\n    0x[0-9A-F]{4}: sload_1\n    0x[0-9A-F]{4}: sadd\n    0x[0-9A-F]{4}: sreturn\n");
        // (byte) a
        assertThat(dump).containsPattern("nargs 1, max_locals 0, 3 bytes\n"
                + "    0x[0-9A-F]{4}: sload_0\n    0x[0-9A-F]{4}: s2b\n    0x[0-9A-F]{4}: sreturn\n");
        assertThat(dump).contains("ifne_w ", "stableswitch default ", "sspush 300", "bspush 10");
        // instance field tokens (JCVM 4.3.7.5): public primitives, public references, private references, private primitives
        assertThat(dump).contains("first_reference_token: 1, reference_count: 2",
                "field token 0 [public] ref ", "field token 1 [public] ref ", "field token 2 [private] ref ", "field token 3 [private] ref ")
                .containsPattern("field token 0 \\[public\\] ref [0-9A-F]{6} type S")
                .containsPattern("field token 1 \\[public\\] ref [0-9A-F]{6} type \\[B")
                .containsPattern("field token 2 \\[private\\] ref [0-9A-F]{6} type Ljava/lang/Object;")
                .containsPattern("field token 3 \\[private\\] ref [0-9A-F]{6} type S");
        assertThat(dump).doesNotContain("i2s", "iadd");
    }

    /** The README's table of component sizes is the converter's measurement, not a stale copy. */
    @Test
    void readmeStatesTheMeasuredComponentSizes() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        CapFile cap = convert().cap();
        int total = 0;
        for (java.util.Map.Entry<Integer, byte[]> component : cap.components().entrySet()) {
            String name = CapFile.componentName(component.getKey());
            assertThat(readme).as(name).containsPattern("\\| " + name + " \\| " + component.getValue().length + "( \\(|\\s*\\|)");
            total += component.getValue().length;
        }
        assertThat(readme).contains("| **total** | **" + total + "**");
        assertThat(readme).contains("the JAR, entries stored so that the bytes do not depend on the JDK's zlib: " + cap.toJar().length + " bytes");
    }
}
