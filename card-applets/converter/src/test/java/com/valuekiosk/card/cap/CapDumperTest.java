package com.valuekiosk.card.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dump of the applets' CAP file, read back from its JAR bytes, says what APDU.md and the API say. */
class CapDumperTest {

    private static byte[] jar;
    private static String dump;

    @BeforeAll
    static void convertAndDump() throws Exception {
        jar = ConverterTest.convert().cap().toJar();
        dump = CapDumper.dump(CapFile.read(new ByteArrayInputStream(jar)), ApiTokens.javaCard304());
    }

    @Test
    void headerNamesThePackageItsAidAndVersion() {
        assertThat(dump).contains(
                "Header component (tag 1,",
                "  magic: 0xDECAFFED",
                "  CAP format version: 2.1",
                "  flags: 0x04 ACC_APPLET",
                "  package version: 1.0",
                "  package AID: F0564B494F534B00");
        assertThat(dump).as("format 2.1 has no package name").doesNotContain("package name:");
    }

    @Test
    void bothAppletsHaveTheirAids() {
        assertThat(dump).contains("  applet 1: AID F0564B494F534B01, install method @0x",
                "  applet 2: AID F0564B494F534B02, install method @0x");
    }

    @Test
    void importsAreTheJavaCard304Versions() {
        assertThat(dump).contains(
                "  package token 0: java.lang AID A0000000620001 version 1.0",
                "  package token 1: javacard.framework AID A0000000620101 version 1.5",
                "  package token 2: javacard.security AID A0000000620102 version 1.5");
    }

    /** Apdus.send(APDU, short): apdu.setOutgoingAndSend((short) 0, length); as Java Card bytecode. */
    @Test
    void methodComponentShowsAKnownMethodWithResolvedReferences() {
        Pattern send = Pattern.compile(
                "  method@0x[0-9A-F]{4} of class@0x[0-9A-F]{4} token - \\[static\\]: max_stack 3, nargs 2, max_locals 0, 7 bytes\n"
                        + "    0x[0-9A-F]{4}: aload_0\n"
                        + "    0x[0-9A-F]{4}: sconst_0\n"
                        + "    0x[0-9A-F]{4}: sload_1\n"
                        + "    0x[0-9A-F]{4}: invokevirtual #\\d+ VirtualMethodref javacard/framework/APDU.setOutgoingAndSend\\(SS\\)V \\(SS\\)V\n"
                        + "    0x[0-9A-F]{4}: return\n");
        assertThat(send.matcher(dump).find()).as(dump).isTrue();
    }

    /** registerFrom calls register(...) on the applet; the reference names Applet, which declares it (JCVM 6.7.2). */
    @Test
    void virtualMethodReferencesNameTheDeclaringClass() {
        assertThat(dump).containsPattern("invokevirtual #\\d+ VirtualMethodref javacard/framework/Applet\\.register\\(\\[BSB\\)V")
                .containsPattern("invokevirtual #\\d+ VirtualMethodref javacard/framework/Applet\\.selectingApplet\\(\\)Z");
    }

    @Test
    void everyComponentIsDumped() {
        for (String name : new String[] {"Header", "Directory", "Applet", "Import", "ConstantPool", "Class", "Method", "StaticField",
            "RefLocation", "Descriptor"}) {
            assertThat(dump).contains("\n" + name + " component (tag ");
        }
        assertThat(dump).contains("  component_sizes[Descriptor]: ", "  import_count: 3", "  applet_count: 2")
                .as("format 2.1: eleven component sizes").doesNotContain("component_sizes[Debug]");
    }

    @Test
    void commandLineDumpsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("applets.cap");
        Files.write(file, jar);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(new String[] {"dump", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(dump);
    }

    /** Through main and System.out, as java -jar runs it: the whole dump arrives (it once stopped mid-line). */
    @Test
    void mainWritesTheWholeDumpToStandardOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("applets.cap");
        Files.write(file, jar);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(bytes, false, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Main.main(new String[] {"dump", file.toString()});
        } finally {
            System.setOut(original);
        }

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(dump);
    }
}
