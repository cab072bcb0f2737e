package com.valuekiosk.card.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javacard.framework.Util;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The applets check MACs in constant time. Timing cannot be measured reliably in a unit test, so
 * this holds the applets' bytecode to the rule instead: no array comparison that stops at the
 * first differing byte ({@code Util.arrayCompare} and its relatives), which would let a forger
 * find a MAC byte by byte from how long the card takes to refuse it. {@code PurseAppletTest}
 * checks the behaviour: a MAC wrong in any single byte is refused.
 */
class ConstantTimeMacTest {

    @Test
    void appletsNeverCompareArraysWithAnEarlyExit() {
        Map<String, byte[]> classes = JavaCardSubsetTest.appletClasses();
        assertThat(classes).as("applet classes").containsKey("com/valuekiosk/card/applet/CardMac");

        List<String> calls = new ArrayList<>();
        classes.values().forEach(bytes -> calls.addAll(earlyExitComparisons(bytes)));

        assertThat(calls).as("early-exit comparisons in the applets").isEmpty();
    }

    /** The check is not vacuous: it finds a comparison with Util.arrayCompare. */
    @Test
    void checkFindsUtilArrayCompare() throws IOException {
        try (InputStream in = EarlyExit.class.getResourceAsStream("ConstantTimeMacTest$EarlyExit.class")) {
            assertThat(in).isNotNull();
            assertThat(earlyExitComparisons(in.readAllBytes()))
                    .containsExactly("ConstantTimeMacTest$EarlyExit.matches calls javacard/framework/Util.arrayCompare");
        }
    }

    private static List<String> earlyExitComparisons(byte[] classBytes) {
        List<String> calls = new ArrayList<>();
        ClassReader reader = new ClassReader(classBytes);
        String className = reader.getClassName().substring(reader.getClassName().lastIndexOf('/') + 1);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
                        if (name.startsWith("arrayCompare")) {
                            calls.add(className + "." + method + " calls " + owner + "." + name);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    /** How the applet compared MACs before: read back as bytes, never run. */
    @SuppressWarnings("unused")
    static final class EarlyExit {

        private EarlyExit() {
        }

        static boolean matches(byte[] expected, byte[] received) {
            return Util.arrayCompare(expected, (short) 0, received, (short) 0, (short) 8) == 0;
        }
    }
}
