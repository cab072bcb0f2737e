package com.valuekiosk.card.capvm;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.cap.ApiTokens;
import com.valuekiosk.card.cap.ClassFiles;
import com.valuekiosk.card.cap.CapFile;
import com.valuekiosk.card.cap.Converter;
import com.valuekiosk.card.cap.JcOpcodes;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interpreter on a handmade applet ({@code fixture.HandlersApplet}): converted by our converter,
 * run on one chip through the interpreter and on another as its class; both must answer every
 * command alike. The product applets have no exception handlers, so these are tested here.
 */
class CapVmTest {

    private static final String PACKAGE = "com/valuekiosk/card/capvm/fixture";
    private static final String APPLET = "com.valuekiosk.card.capvm.fixture.HandlersApplet";
    private static final byte[] PACKAGE_AID = HexFormat.of().parseHex("F0564B494F534BF0");
    private static final byte[] APPLET_AID = HexFormat.of().parseHex("F0564B494F534BF1");

    private static byte[] cap;

    @BeforeAll
    static void convert() throws Exception {
        Path classes = Path.of(TestChip.codeRoot("com/valuekiosk/card/capvm/fixture/HandlersApplet.class").toURI());
        cap = Converter.convert(ClassFiles.read(classes, PACKAGE),
                new Converter.Settings(PACKAGE, PACKAGE_AID, 1, 0, List.of(new Converter.AppletSpec(PACKAGE + "/HandlersApplet", APPLET_AID))),
                ApiTokens.javaCard304()).cap().toJar();
    }

    private static String answer(TestChip chip, String command) throws ReflectiveOperationException {
        return HexFormat.of().withUpperCase().formatHex(chip.transmit(HexFormat.of().parseHex(command.replace(" ", ""))));
    }

    @Test
    void theCapChipHoldsNoAppletClass() throws Exception {
        TestChip onCap = TestChip.withCap(cap, APPLET_AID, null);
        assertThat(onCap.canLoad(APPLET)).isFalse();
        assertThat(TestChip.withClass(APPLET, APPLET_AID).canLoad(APPLET)).isTrue();
    }

    @Test
    void handlersCatchRethrowAndFinallyAsTheClassDoes() throws Exception {
        AtomicLongArray counts = new AtomicLongArray(256);
        TestChip onCap = TestChip.withCap(cap, APPLET_AID, counts);
        TestChip onClass = TestChip.withClass(APPLET, APPLET_AID);
        String[] commands = {
            "80 01 02 00", "80 01 04 00", "80 01 FF 00", // in range, past the end, negative index
            "80 02 00 00", "80 02 81 00",                // no exception; caught in the caller, reason + 1
            "80 03 00 00", "80 03 82 00", "80 03 83 00", // rethrown twice: 6A82, 6A83
            "80 05 00 00",                               // the rethrow count
            "80 04 00 00", "80 04 84 00", "80 05 00 00", // finally on both ways out: last P1 84
            "80 06 FF FF", "80 06 00 01", "80 06 80 7F", // sums past 32767 wrap
            "80 07 01 00", "80 07 00 00",                // null array caught as RuntimeException, then set
            "80 08 80 00", "80 08 12 01", "80 08 7F 03", // -32768 / -1, division by zero, plain
            "80 0A 00 00", "80 0A 00 00", "80 0C 01 00", // post-increment of a field; checkcast to the applet
            "80 0C 00 00",                               // instanceof byte[]
            "80 0B 00 01", "80 0B 01 FF", "80 0B 7F FF", // short array, the sum wrapping
            "80 09 00 00",                               // unknown INS
        };
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String command : commands) {
            expected.add(command + " -> " + answer(onClass, command));
            actual.add(command + " -> " + answer(onCap, command));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        // the answers are the ones the code means, not only the same on both
        assertThat(expected).contains("80 01 04 00 -> FFFF9000", "80 02 81 00 -> 6A829000", "80 03 83 00 -> 6A83",
                "80 05 00 00 -> 02849000", "80 04 84 00 -> 6A84", "80 07 01 00 -> FFFE9000", "80 08 80 00 -> 80009000",
                "80 09 00 00 -> 6D00");
        assertThat(expected).contains("80 0C 01 00 -> 00029000", "80 0C 00 00 -> 00049000", "80 0B 7F FF -> 80009000");
        assertThat(InstructionCoverage.of(cap, counts).notExecuted()).as("instruction kinds the commands left out").isEmpty();
    }

    @Test
    void aCapWhoseAdditionsSubtractAnswersOtherwise() throws Exception {
        // what a converter bug in one instruction does: the same commands, other answers
        CapFile original = CapFile.read(new ByteArrayInputStream(cap));
        byte[] method = original.component(CapFile.METHOD).clone();
        int replaced = 0;
        for (int at : new CapPackage(original).instructionOffsets) {
            if ((method[3 + at] & 0xFF) == JcOpcodes.SADD) {
                method[3 + at] = (byte) JcOpcodes.SSUB;
                replaced++;
            }
        }
        assertThat(replaced).isPositive();
        Map<Integer, byte[]> components = new LinkedHashMap<>(original.components());
        components.put(CapFile.METHOD, method);
        byte[] broken = new CapFile(original.packageName(), components, original.manifest()).toJar();

        TestChip onBroken = TestChip.withCap(broken, APPLET_AID, null);
        TestChip onClass = TestChip.withClass(APPLET, APPLET_AID);
        String genuine = answer(onClass, "80 06 00 01");
        assertThat(genuine).isEqualTo("60419000");
        assertThat(answer(onBroken, "80 06 00 01")).isNotEqualTo(genuine);
    }

    @Test
    void theReportNamesInstructionsNeverExecuted() throws Exception {
        AtomicLongArray counts = new AtomicLongArray(256);
        TestChip onCap = TestChip.withCap(cap, APPLET_AID, counts);
        answer(onCap, "80 01 02 00");
        InstructionCoverage coverage = InstructionCoverage.of(cap, counts);
        assertThat(coverage.notExecuted()).contains("athrow").doesNotContain("invokevirtual", "baload");
        assertThat(coverage.summary()).matches("\\d+ of \\d+ instruction kinds of the CAP file executed \\(not: .*athrow.*\\)");
    }

}
