package com.valuekiosk.card.cap;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Which int results may be turned into 16-bit operations. javac computes short arithmetic in
 * {@code int}; {@code sadd}, {@code smul}, ... give the same low 16 bits, so a result is exact only
 * where it is narrowed by {@code (short)} or {@code (byte)} before it is compared, stored, passed,
 * returned, used as an index or divided. A data-flow analysis marks every int value exact or wide
 * and reports each wide value that reaches such a use, with the instruction that made it and the
 * source line. IUSHR is refused: after the cast it is an arithmetic shift in Java, {@code sushr} a
 * logical one. The simulator's JavaCardSubsetTest holds the applets to the same rule through
 * {@link #check}.
 */
public final class IntNarrowing {

    private static final Map<Integer, String> OPCODE_NAMES = allOpcodes();

    private IntNarrowing() {
    }

    /** One int result used without a cast: the method, what happened, the source line (0 if unknown). */
    public record Violation(String where, String what, int line) {
    }

    /**
     * The violations of one method.
     *
     * @param owner internal name of the method's class
     * @param where how messages name the method, {@code CreditCardApplet.verify(...)}
     */
    public static List<Violation> check(String owner, MethodNode method, String where) {
        Set<Violation> violations = new java.util.LinkedHashSet<>();
        run(owner, method, where, violations);
        return new ArrayList<>(violations);
    }

    /** The analysis' frames (for the stack depth before every instruction), or the violations. */
    static Frame<?>[] analyze(String owner, MethodNode method, String where, Set<String> messages) {
        Set<Violation> violations = new java.util.LinkedHashSet<>();
        Frame<?>[] frames = run(owner, method, where, violations);
        for (Violation violation : violations) {
            messages.add(message(violation.where(), violation.what(), violation.line()));
        }
        return frames;
    }

    private static Frame<?>[] run(String owner, MethodNode method, String where, Set<Violation> violations) {
        Map<AbstractInsnNode, Integer> lines = lines(method);
        try {
            return new Analyzer<>(new NarrowingInterpreter(violations, where, lines)).analyze(owner, method);
        } catch (AnalyzerException e) {
            violations.add(new Violation(where, "not analysable: " + e.getMessage(), e.node == null ? 0 : lines.getOrDefault(e.node, 0)));
            return null;
        }
    }

    static String message(String where, String what, int line) {
        return where + (line > 0 ? " line " + line : "") + ": " + what;
    }

    /** The source line of every instruction, from the line number table. */
    static Map<AbstractInsnNode, Integer> lines(MethodNode method) {
        Map<AbstractInsnNode, Integer> lines = new IdentityHashMap<>();
        int line = 0;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            }
            lines.put(insn, line);
        }
        return lines;
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    static String opcodeName(int opcode) {
        return OPCODE_NAMES.getOrDefault(opcode, "opcode " + opcode);
    }

    /**
     * A value of the analysis: the JVM's basic type, and for an int whether it may lie outside the
     * short range ({@code wide}) — then {@code origin} names the instruction that made it.
     */
    private static final class Narrowed implements Value {
        final BasicValue basic;
        final boolean wide;
        final String origin;

        Narrowed(BasicValue basic, boolean wide, String origin) {
            this.basic = basic;
            this.wide = wide;
            this.origin = origin;
        }

        @Override
        public int getSize() {
            return basic.getSize();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Narrowed that && Objects.equals(basic, that.basic) && wide == that.wide;
        }

        @Override
        public int hashCode() {
            return Objects.hash(basic, wide);
        }
    }

    private static final class NarrowingInterpreter extends Interpreter<Narrowed> {

        private final BasicInterpreter basic = new BasicInterpreter();
        private final Set<Violation> violations;
        private final String where;
        private final Map<AbstractInsnNode, Integer> lines;

        NarrowingInterpreter(Set<Violation> violations, String where, Map<AbstractInsnNode, Integer> lines) {
            super(Opcodes.ASM9);
            this.violations = violations;
            this.where = where;
            this.lines = lines;
        }

        private Narrowed exact(BasicValue value) {
            return value == null ? null : new Narrowed(value, false, null);
        }

        private Narrowed wide(BasicValue value, String origin) {
            return new Narrowed(value, true, origin);
        }

        /** Reports a wide value used where a short is needed. */
        private void requireShort(AbstractInsnNode insn, Narrowed value, String use) {
            if (value != null && value.wide) {
                violations.add(new Violation(where, "int result of " + value.origin + " " + use
                        + " without a (short) or (byte) cast", lines.getOrDefault(insn, 0)));
            }
        }

        private String name(AbstractInsnNode insn) {
            return OPCODE_NAMES.getOrDefault(insn.getOpcode(), "opcode " + insn.getOpcode());
        }

        @Override
        public Narrowed newValue(Type type) {
            BasicValue value = basic.newValue(type);
            if (value == null) {
                return null;
            }
            return type != null && type.getSort() == Type.INT ? wide(value, "an int variable") : exact(value);
        }

        @Override
        public Narrowed newOperation(AbstractInsnNode insn) throws AnalyzerException {
            BasicValue value = basic.newOperation(insn);
            if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer constant
                    && (constant < Short.MIN_VALUE || constant > Short.MAX_VALUE)) {
                return wide(value, "the constant " + constant);
            }
            return exact(value);
        }

        @Override
        public Narrowed copyOperation(AbstractInsnNode insn, Narrowed value) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.ISTORE) {
                requireShort(insn, value, "stored in a local");
            }
            return value;
        }

        @Override
        public Narrowed unaryOperation(AbstractInsnNode insn, Narrowed value) throws AnalyzerException {
            BasicValue result = basic.unaryOperation(insn, value.basic);
            int opcode = insn.getOpcode();
            switch (opcode) {
                case Opcodes.INEG, Opcodes.IINC:
                    return wide(result, name(insn));
                case Opcodes.I2S, Opcodes.I2B:
                    return exact(result);
                case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE,
                        Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH:
                    requireShort(insn, value, "compared by " + name(insn));
                    return exact(result);
                case Opcodes.IRETURN:
                    requireShort(insn, value, "returned");
                    return exact(result);
                case Opcodes.PUTSTATIC:
                    requireShort(insn, value, "stored in " + ((FieldInsnNode) insn).name);
                    return exact(result);
                case Opcodes.NEWARRAY, Opcodes.ANEWARRAY:
                    requireShort(insn, value, "used as an array length");
                    return exact(result);
                default:
                    return exact(result);
            }
        }

        @Override
        public Narrowed binaryOperation(AbstractInsnNode insn, Narrowed value1, Narrowed value2) throws AnalyzerException {
            BasicValue result = basic.binaryOperation(insn, value1.basic, value2.basic);
            int opcode = insn.getOpcode();
            switch (opcode) {
                case Opcodes.IADD, Opcodes.ISUB, Opcodes.IMUL, Opcodes.ISHL:
                    return wide(result, name(insn));
                case Opcodes.IAND, Opcodes.IOR, Opcodes.IXOR:
                    // Bitwise operations on sign-extended shorts stay sign-extended shorts.
                    if (value1.wide || value2.wide) {
                        return wide(result, (value1.wide ? value1 : value2).origin);
                    }
                    return exact(result);
                case Opcodes.IDIV:
                    requireShort(insn, value1, "divided by IDIV");
                    requireShort(insn, value2, "used as a divisor by IDIV");
                    return wide(result, name(insn)); // -32768 / -1
                case Opcodes.IREM, Opcodes.ISHR:
                    requireShort(insn, value1, "used by " + name(insn));
                    requireShort(insn, value2, "used by " + name(insn));
                    return exact(result);
                case Opcodes.IUSHR:
                    violations.add(new Violation(where,
                            "IUSHR: after a cast to short it is an arithmetic shift, sushr a logical one; "
                                    + "write (short) ((x >> n) & mask)", lines.getOrDefault(insn, 0)));
                    return wide(result, name(insn));
                case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT,
                        Opcodes.IF_ICMPLE:
                    requireShort(insn, value1, "compared by " + name(insn));
                    requireShort(insn, value2, "compared by " + name(insn));
                    return exact(result);
                case Opcodes.BALOAD, Opcodes.SALOAD, Opcodes.AALOAD, Opcodes.IALOAD:
                    requireShort(insn, value2, "used as an array index");
                    return exact(result);
                case Opcodes.PUTFIELD:
                    requireShort(insn, value2, "stored in " + ((FieldInsnNode) insn).name);
                    return exact(result);
                default:
                    return exact(result);
            }
        }

        @Override
        public Narrowed ternaryOperation(AbstractInsnNode insn, Narrowed value1, Narrowed value2, Narrowed value3)
                throws AnalyzerException {
            requireShort(insn, value2, "used as an array index");
            requireShort(insn, value3, "stored in an array by " + name(insn));
            return exact(basic.ternaryOperation(insn, value1.basic, value2.basic, value3.basic));
        }

        @Override
        public Narrowed naryOperation(AbstractInsnNode insn, List<? extends Narrowed> values) throws AnalyzerException {
            List<BasicValue> basics = new ArrayList<>();
            for (Narrowed value : values) {
                basics.add(value.basic);
            }
            String callee = insn instanceof MethodInsnNode call ? simpleName(call.owner) + "." + call.name : name(insn);
            for (Narrowed value : values) {
                requireShort(insn, value, "passed to " + callee);
            }
            return exact(basic.naryOperation(insn, basics));
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, Narrowed value, Narrowed expected) {
            // IRETURN is checked in unaryOperation.
        }

        @Override
        public Narrowed merge(Narrowed value1, Narrowed value2) {
            BasicValue merged = basic.merge(value1.basic, value2.basic);
            boolean wide = value1.wide || value2.wide;
            if (merged.equals(value1.basic) && wide == value1.wide) {
                return value1;
            }
            return new Narrowed(merged, wide, value1.wide ? value1.origin : value2.origin);
        }
    }

    private static Map<Integer, String> allOpcodes() {
        Map<Integer, String> map = new LinkedHashMap<>();
        boolean started = false;
        for (java.lang.reflect.Field field : Opcodes.class.getFields()) {
            started |= field.getName().equals("NOP");
            if (started && field.getType() == int.class) {
                try {
                    map.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return map;
    }
}
