package com.valuekiosk.card.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every rule of the verifier, each on a CAP file broken in exactly that way; the converter's CAP files pass. */
class CapVerifierTest {

    private static CapFile applets;
    private static CapFile guarded;

    @BeforeAll
    static void convert() throws Exception {
        applets = ConverterTest.convert().cap();
        Path location = Path.of(CapVerifierTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String name = "com/valuekiosk/card/cap/handlers";
        guarded = Converter.convert(ClassFiles.read(location, name),
                new Converter.Settings(name, Hex.decode("F0564B494F534BFE"), 1, 0, List.of()), ApiTokens.javaCard304()).cap();
    }

    /** A copy of the CAP file with one component's bytes (tag and size included) changed. */
    private static CapFile with(CapFile cap, int tag, Consumer<byte[]> change) {
        Map<Integer, byte[]> components = new LinkedHashMap<>();
        cap.components().forEach((t, bytes) -> components.put(t, bytes.clone()));
        change.accept(components.get(tag));
        return new CapFile(cap.packageName(), components, cap.manifest());
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    @Test
    void theConvertersCapFilesPass() {
        assertThat(CapVerifier.verify(applets)).isEmpty();
        assertThat(CapVerifier.verify(guarded)).isEmpty();
        assertThat(guarded.component(CapFile.APPLET)).as("no applets, no Applet component").isNull();
        assertThat(CapDumper.dump(guarded, ApiTokens.javaCard304()))
                .containsPattern("handler 0: try 0x[0-9A-F]{4}..0x[0-9A-F]{4}, handler 0x[0-9A-F]{4}, catch #\\d+ Classref "
                        + "java/lang/ArrayIndexOutOfBoundsException, stop");
    }

    @Test
    void missingComponent() {
        Map<Integer, byte[]> components = new LinkedHashMap<>(applets.components());
        components.remove(CapFile.DESCRIPTOR);

        assertThat(CapVerifier.verify(new CapFile(applets.packageName(), components, applets.manifest())))
                .containsExactly("[COMPONENTS] Descriptor: component missing");
    }

    @Test
    void sizeItemThatDoesNotMatchTheComponent() {
        CapFile broken = with(applets, CapFile.METHOD, bytes -> bytes[2]++);

        int size = applets.component(CapFile.METHOD).length - 3;
        assertThat(CapVerifier.verify(broken)).containsExactly(
                "[COMPONENT_SIZE] Method: size item says " + (size + 1) + ", the component has " + size + " bytes");
    }

    @Test
    void directoryThatListsAnotherSize() {
        CapFile broken = with(applets, CapFile.DIRECTORY, bytes -> bytes[3 + 2 * (CapFile.METHOD - 1) + 1]++);

        int size = applets.component(CapFile.METHOD).length - 3;
        assertThat(CapVerifier.verify(broken)).containsExactly(
                "[DIRECTORY] Method: Directory lists " + (size + 1) + " bytes, the component has " + size);
    }

    @Test
    void wrongMagic() {
        CapFile broken = with(applets, CapFile.HEADER, bytes -> bytes[6] = (byte) 0xEE);

        assertThat(CapVerifier.verify(broken)).containsExactly("[HEADER] Header: magic 0xDECAFFEE, not 0xDECAFFED");
    }

    @Test
    void staticMethodReferenceThatPointsIntoAMethod() {
        byte[] pool = applets.component(CapFile.CONSTANT_POOL);
        int entry = -1;
        for (int i = 0; i < u2(pool, 3) && entry < 0; i++) {
            int at = 5 + 4 * i;
            if (pool[at] == 6 && (pool[at + 1] & 0x80) == 0) {
                entry = i;
            }
        }
        int index = entry;
        int offset = u2(pool, 5 + 4 * index + 2);
        CapFile broken = with(applets, CapFile.CONSTANT_POOL, bytes -> bytes[5 + 4 * index + 3]++);

        assertThat(CapVerifier.verify(broken)).containsExactly(String.format(
                "[CONSTANT_POOL] ConstantPool #%d: static method offset 0x%04X is no method in the Method component", index, offset + 1));
    }

    @Test
    void constantPoolIndexBeyondThePool() {
        byte[] refs = applets.component(CapFile.REFERENCE_LOCATION);
        int byteCount = u2(refs, 3);
        int firstTwoByteIndex = refs[3 + 2 + byteCount + 2] & 0xFF; // first delta, from offset 0
        CapFile broken = with(applets, CapFile.METHOD, bytes -> {
            bytes[3 + firstTwoByteIndex] = 0x7F;
            bytes[3 + firstTwoByteIndex + 1] = (byte) 0xFF;
        });

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("[CONSTANT_POOL_INDEX] method@0x")
                .endsWith(": index 32767 beyond the constant pool (" + u2(applets.component(CapFile.CONSTANT_POOL), 3) + " entries)");
    }

    @Test
    void branchIntoTheMiddleOfAnInstruction() {
        byte[] method = applets.component(CapFile.METHOD);
        int gotoAt = CapVerifier.instructionOffsets(applets).keySet().stream()
                .filter(at -> (method[3 + at] & 0xFF) == JcOpcodes.GOTO).findFirst().orElseThrow();
        CapFile broken = with(applets, CapFile.METHOD, bytes -> bytes[3 + gotoAt + 1] = 1);

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("[BRANCH_TARGET] method@0x")
                .endsWith(String.format(": branch at 0x%04X to 0x%04X, not the start of an instruction", gotoAt, gotoAt + 1));
    }

    @Test
    void handlerRangeBeyondItsMethod() {
        CapFile broken = with(guarded, CapFile.METHOD, bytes -> {
            bytes[3 + 1 + 2] = (byte) 0x80; // stop bit kept, active length 0x00FF
            bytes[3 + 1 + 3] = (byte) 0xFF;
        });

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("[HANDLER] handler 0: try block 0x").endsWith("does not end at an instruction of its method");
    }

    @Test
    void handlersOutOfOrder() {
        CapFile broken = with(guarded, CapFile.METHOD, bytes -> {
            byte[] first = java.util.Arrays.copyOfRange(bytes, 4, 12);
            System.arraycopy(bytes, 12, bytes, 4, 8);
            System.arraycopy(first, 0, bytes, 12, 8);
        });

        // out of order, and each now sits where the Descriptor expects the other method's handler
        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(3).allMatch(p -> p.startsWith("[HANDLER] "));
        assertThat(problems).anyMatch(p -> p.startsWith("[HANDLER] handler 1: handler at 0x")
                && p.endsWith("ascending handler offsets, as the VM takes the first match"));
        assertThat(problems).anyMatch(p -> p.matches("\\[HANDLER\\] handler 0: belongs to method@0x[0-9A-F]{4}, whose Descriptor lists handlers 1..1"));
    }

    /** The Descriptor says the second method's handler is entry 0, the first method's. */
    @Test
    void descriptorHandlerIndexThatIsAnotherMethods() {
        byte[] descriptor = guarded.component(CapFile.DESCRIPTOR);
        int methods = 3 + 1 + 9 + 2 * (descriptor[3 + 1 + 4] & 0xFF) + 7 * u2(descriptor, 3 + 1 + 5);
        int count = u2(descriptor, 3 + 1 + 7);
        int entry = -1;
        for (int m = 0; m < count; m++) {
            int at = methods + 12 * m;
            if (u2(descriptor, at + 8) == 1 && u2(descriptor, at + 10) == 1) {
                entry = at;
            }
        }
        int index = entry;
        CapFile broken = with(guarded, CapFile.DESCRIPTOR, bytes -> bytes[index + 11] = 0);

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).matches("\\[HANDLER\\] handler 1: belongs to method@0x[0-9A-F]{4}, whose Descriptor lists handlers 0..0");
    }

    @Test
    void appletWhoseInstallMethodIsNoMethod() {
        CapFile broken = with(applets, CapFile.APPLET, bytes -> bytes[3 + 1 + 1 + 8 + 1]++);

        int install = u2(applets.component(CapFile.APPLET), 3 + 1 + 1 + 8);
        assertThat(CapVerifier.verify(broken)).containsExactly(
                String.format("[APPLET] applet 1: install method offset 0x%04X is no method", install + 1));
    }

    @Test
    void appletAidWithAnotherRid() {
        CapFile broken = with(applets, CapFile.APPLET, bytes -> bytes[3 + 1 + 1] = (byte) 0xA0); // F0.. -> A0..

        assertThat(CapVerifier.verify(broken)).containsExactly(
                "[APPLET] applet 1: AID A0564B494F534B01 does not start with the package's RID F0564B494F");
    }

    @Test
    void referenceLocationThatMissesItsOperand() {
        byte[] refs = applets.component(CapFile.REFERENCE_LOCATION);
        int byteCount = u2(refs, 3);
        CapFile broken = with(applets, CapFile.REFERENCE_LOCATION, bytes -> bytes[3 + 2 + byteCount - 1]++);

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(2).allMatch(p -> p.startsWith("[REFERENCE_LOCATION] RefLocation: one-byte "));
        assertThat(problems).anyMatch(p -> p.endsWith("is no constant pool index operand"))
                .anyMatch(p -> p.endsWith("is not listed"));
    }

    @Test
    void superClassThatIsNoClass() {
        // the first class of the component (Amounts) extends java.lang.Object: make it extend offset 0x0001
        CapFile broken = with(applets, CapFile.CLASS, bytes -> {
            bytes[3 + 1] = 0x00;
            bytes[3 + 2] = 0x01;
        });

        assertThat(CapVerifier.verify(broken)).containsExactly(
                "[CLASS] class@0x0000: super class 0x0001 is no earlier class of this package");
    }

    @Test
    void virtualMethodTableEntryThatIsNoMethod() {
        byte[] classes = applets.component(CapFile.CLASS);
        int at = 0;
        while (classes[3 + at + 7] == 0) { // the first class with public methods of its own
            at += 10 + 2 * (classes[3 + at + 7] & 0xFF) + 2 * (classes[3 + at + 9] & 0xFF);
        }
        int entry = 3 + at + 10;
        int base = classes[3 + at + 6] & 0xFF;
        int method = u2(classes, entry);
        int classAt = at;
        CapFile broken = with(applets, CapFile.CLASS, bytes -> bytes[entry + 1]++);

        assertThat(CapVerifier.verify(broken)).containsExactly(String.format(
                "[CLASS] class@0x%04X: public method token %d: 0x%04X is no method", classAt, base, method + 1));
    }

    @Test
    void descriptorOfAClassThatIsNotThere() {
        CapFile broken = with(applets, CapFile.DESCRIPTOR, bytes -> bytes[3 + 1 + 3] = 0x01);

        assertThat(CapVerifier.verify(broken)).containsExactly(
                "[DESCRIPTOR] class 0: this_class_ref 0x0001 is no class of the Class component");
    }

    /** The first method table entry of a class points one byte further than the Descriptor says. */
    @Test
    void methodTableThatDisagreesWithTheDescriptor() {
        byte[] classes = applets.component(CapFile.CLASS);
        int at = 0;
        while (classes[3 + at + 7] == 0) { // the first class with public methods of its own
            at += 10 + 2 * (classes[3 + at + 7] & 0xFF) + 2 * (classes[3 + at + 9] & 0xFF);
        }
        int entry = 3 + at + 10;
        int method = u2(classes, entry);
        int base = classes[3 + at + 6] & 0xFF;
        // point the entry at another method: the next method of the Method component
        int other = CapVerifier.instructionOffsets(applets).values().stream().filter(m -> m > method).min(Integer::compare).orElseThrow();
        int classAt = at;
        CapFile broken = with(applets, CapFile.CLASS, bytes -> {
            bytes[entry] = (byte) (other >> 8);
            bytes[entry + 1] = (byte) other;
        });

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).matches(String.format(
                "\\[DESCRIPTOR\\] class \\d+ \\(class@0x%04X\\): public method token %d is method@0x%04X, the method table says 0x%04X",
                classAt, base, method, other));
    }

    @Test
    void staticFieldImageSizeThatIsNotTheSumOfItsSegments() {
        CapFile broken = with(applets, CapFile.STATIC_FIELD, bytes -> bytes[3 + 1] = 2);

        assertThat(CapVerifier.verify(broken)).containsExactly(
                "[STATIC_FIELD] StaticField: image_size 2, the segments hold 0 bytes",
                "[STATIC_FIELD] Directory: static field sizes 0/0/0, the StaticField component says 2/0/0");
    }

    /** max_stack one less than the method needs: Apdus.send (aload_0, sconst_0, sload_1, invokevirtual) needs 3. */
    @Test
    void maxStackBelowWhatTheMethodNeeds() {
        byte[] method = applets.component(CapFile.METHOD);
        int send = CapVerifier.instructionOffsets(applets).entrySet().stream()
                .filter(e -> e.getKey() == e.getValue() + 2 && (method[3 + e.getKey()] & 0xFF) == JcOpcodes.ALOAD_0
                        && (method[3 + e.getKey() + 1] & 0xFF) == JcOpcodes.SCONST_0
                        && (method[3 + e.getKey() + 2] & 0xFF) == JcOpcodes.SLOAD_0 + 1
                        && (method[3 + e.getKey() + 3] & 0xFF) == JcOpcodes.INVOKEVIRTUAL
                        && (method[3 + e.getKey() + 6] & 0xFF) == JcOpcodes.RETURN)
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        CapFile broken = with(applets, CapFile.METHOD, bytes -> bytes[3 + send] = 0x02); // flags 0, max_stack 2

        assertThat(CapVerifier.verify(broken)).containsExactly(
                String.format("[STACK] method@0x%04X: the stack reaches 3 words, max_stack is 2", send));
    }

    @Test
    void instructionThatTakesMoreThanTheStackHolds() {
        byte[] method = applets.component(CapFile.METHOD);
        int firstPop = CapVerifier.instructionOffsets(applets).keySet().stream()
                .filter(at -> (method[3 + at] & 0xFF) == JcOpcodes.POP).findFirst().orElseThrow();
        // pop -> pop2: one word more than is there
        CapFile broken = with(applets, CapFile.METHOD, bytes -> bytes[3 + firstPop] = (byte) JcOpcodes.POP2);

        List<String> problems = CapVerifier.verify(broken);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("[STACK] method@0x").contains(String.format("pop2 at 0x%04X takes 2 words, the stack holds 1", firstPop));
    }

    @Test
    void commandLineVerifyAnswersOneLinePerProblemAndExitCode1(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.cap");
        with(applets, CapFile.HEADER, bytes -> bytes[6] = (byte) 0xEE).write(file);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();

        int code = Main.execute(new String[] {"verify", file.toString()}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("[HEADER] Header: magic 0xDECAFFEE, not 0xDECAFFED");
    }
}
