package com.valuekiosk.card.sim;

import com.valuekiosk.card.cap.IntNarrowing;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The rules a Java Card converter enforces, checked on the applets' class files (R-CA5). One message
 * per violation: {@code [RULE] Class.method(desc): what (line n)}; the line is there whenever the
 * class file says where the instruction comes from.
 *
 * <ul>
 *   <li>{@link Rule#TYPES}: no {@code int}, {@code long}, {@code float}, {@code double} or
 *       {@code char} in fields, descriptors and locals; no multi-dimensional arrays.</li>
 *   <li>{@link Rule#INSTRUCTIONS}: no long/float/double/char instructions, monitors,
 *       invokedynamic, String or Class constants, synchronized or native methods.</li>
 *   <li>{@link Rule#CLASSES}: only the Java Card API ({@code javacard.*}, {@code javacardx.*}, the
 *       {@code java.lang} classes Java Card has) and the applet package itself.</li>
 *   <li>{@link Rule#ALLOCATION}: arrays only in constructors, objects only in constructors and
 *       {@code install}.</li>
 *   <li>{@link Rule#STATIC_INIT}: a static initialiser only stores constants.</li>
 *   <li>{@link Rule#SUPER_VISIBILITY}: a superclass that is not public has no public or protected
 *       methods (the converter's "package-visible super class … has public or protected method(s)").</li>
 *   <li>{@link Rule#INT_NARROWING} (the converter's {@code IntNarrowing}): javac computes short arithmetic in {@code int}; a result that may
 *       lie outside the short range (IADD, ISUB, IMUL, ISHL, INEG, IDIV, a constant above 32767, or
 *       AND/OR/XOR of such a value) must be narrowed by {@code (short)} or {@code (byte)} before it is
 *       compared, stored, passed, returned, used as an index or divided — the converter turns the
 *       operations into 16-bit ones ({@code sadd}, …), which is only exact when the result is
 *       truncated anyway. IUSHR is refused: after the cast it is an arithmetic shift in Java, but
 *       {@code sushr} is a logical one.</li>
 *   <li>{@link Rule#LIMITS}: at most 255 words of operand stack, of locals and of arguments, 255
 *       instance fields per class, constant array lengths up to 32767.</li>
 * </ul>
 * Which API members exist, and their tokens, is checked by the converter ({@code ApiTokensTest});
 * method sizes (32767 bytes) and component sizes on the Java Card bytecode by the converter itself.
 */
final class JavaCardSubset {

    enum Rule { TYPES, INSTRUCTIONS, CLASSES, ALLOCATION, STATIC_INIT, SUPER_VISIBILITY, INT_NARROWING, LIMITS }

    /** The java.lang classes of the Java Card API. */
    private static final Set<String> JAVA_LANG = Set.of(
            "java/lang/Object",
            "java/lang/Throwable",
            "java/lang/Exception",
            "java/lang/RuntimeException",
            "java/lang/ArithmeticException",
            "java/lang/ArrayIndexOutOfBoundsException",
            "java/lang/ArrayStoreException",
            "java/lang/ClassCastException",
            "java/lang/IndexOutOfBoundsException",
            "java/lang/NegativeArraySizeException",
            "java/lang/NullPointerException",
            "java/lang/SecurityException");

    /** Instructions on long, float, double, char or int arrays, and monitors. */
    private static final Map<Integer, String> FORBIDDEN_OPCODES = opcodes(
            "LCONST_0", "LCONST_1", "FCONST_0", "FCONST_1", "FCONST_2", "DCONST_0", "DCONST_1",
            "LLOAD", "FLOAD", "DLOAD", "LSTORE", "FSTORE", "DSTORE",
            "IALOAD", "LALOAD", "FALOAD", "DALOAD", "CALOAD", "IASTORE", "LASTORE", "FASTORE", "DASTORE", "CASTORE",
            "LADD", "FADD", "DADD", "LSUB", "FSUB", "DSUB", "LMUL", "FMUL", "DMUL", "LDIV", "FDIV", "DDIV",
            "LREM", "FREM", "DREM", "LNEG", "FNEG", "DNEG", "LSHL", "LSHR", "LUSHR", "LAND", "LOR", "LXOR",
            "I2L", "I2F", "I2D", "L2I", "L2F", "L2D", "F2I", "F2L", "F2D", "D2I", "D2L", "D2F", "I2C",
            "LCMP", "FCMPL", "FCMPG", "DCMPL", "DCMPG", "LRETURN", "FRETURN", "DRETURN",
            "MONITORENTER", "MONITOREXIT");

    /** What a constant-only static initialiser may contain besides PUTSTATIC of its own fields. */
    private static final Map<Integer, String> CONSTANT_PUSHES = opcodes(
            "ICONST_M1", "ICONST_0", "ICONST_1", "ICONST_2", "ICONST_3", "ICONST_4", "ICONST_5",
            "BIPUSH", "SIPUSH", "RETURN");

    /** Every opcode by its name, for messages. */
    private static final Map<Integer, String> OPCODE_NAMES = allOpcodes();

    private static final int LIMIT_WORDS = 255;
    private static final int LIMIT_INSTANCE_FIELDS = 255;

    private JavaCardSubset() {
    }

    /** Checks one class on its own (every rule but {@link Rule#SUPER_VISIBILITY}). */
    static List<String> check(byte[] classBytes, String ownPackage) {
        return checkPackage(List.of(classBytes), ownPackage);
    }

    /**
     * Checks the classes of one package together.
     *
     * @param ownPackage internal name prefix of the package the classes may refer to besides the API
     */
    static List<String> checkPackage(Iterable<byte[]> classBytes, String ownPackage) {
        Set<String> violations = new LinkedHashSet<>();
        Map<String, ClassNode> nodes = new LinkedHashMap<>();
        for (byte[] bytes : classBytes) {
            new ClassReader(bytes).accept(new ClassChecker(violations, ownPackage), 0);
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            nodes.put(node.name, node);
            for (MethodNode method : node.methods) {
                checkNarrowing(violations, node, method);
                checkMethodLimits(violations, node, method);
            }
            checkClassLimits(violations, node);
        }
        checkSuperVisibility(violations, nodes);
        return new ArrayList<>(violations);
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    private static String message(Rule rule, String where, String what, int line) {
        return "[" + rule + "] " + where + ": " + what + (line > 0 ? " (line " + line + ")" : "");
    }

    // ---------------------------------------------------------------------------------------------
    // SUPER_VISIBILITY and LIMITS

    private static void checkSuperVisibility(Set<String> violations, Map<String, ClassNode> classes) {
        for (ClassNode type : classes.values()) {
            ClassNode superclass = classes.get(type.superName);
            if (superclass == null || (superclass.access & Opcodes.ACC_PUBLIC) != 0) {
                continue;
            }
            List<String> visible = new ArrayList<>();
            for (MethodNode method : superclass.methods) {
                if (!method.name.startsWith("<") && (method.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0) {
                    visible.add(method.name + method.desc);
                }
            }
            if (!visible.isEmpty()) {
                violations.add(message(Rule.SUPER_VISIBILITY, simpleName(type.name),
                        "package-visible super class " + simpleName(superclass.name)
                                + " has public or protected method(s) " + visible, 0));
            }
        }
    }

    private static void checkClassLimits(Set<String> violations, ClassNode type) {
        long instanceFields = type.fields.stream().filter(f -> (f.access & Opcodes.ACC_STATIC) == 0).count();
        if (instanceFields > LIMIT_INSTANCE_FIELDS) {
            violations.add(message(Rule.LIMITS, simpleName(type.name),
                    instanceFields + " instance fields, at most " + LIMIT_INSTANCE_FIELDS, 0));
        }
    }

    private static void checkMethodLimits(Set<String> violations, ClassNode type, MethodNode method) {
        String where = simpleName(type.name) + "." + method.name + method.desc;
        int argumentWords = Type.getArgumentsAndReturnSizes(method.desc) >> 2; // includes "this"
        if ((method.access & Opcodes.ACC_STATIC) != 0) {
            argumentWords--;
        }
        if (method.maxStack > LIMIT_WORDS) {
            violations.add(message(Rule.LIMITS, where, "operand stack of " + method.maxStack + " words, at most " + LIMIT_WORDS, 0));
        }
        if (method.maxLocals > LIMIT_WORDS) {
            violations.add(message(Rule.LIMITS, where, method.maxLocals + " words of locals, at most " + LIMIT_WORDS, 0));
        }
        if (argumentWords > LIMIT_WORDS) {
            violations.add(message(Rule.LIMITS, where, argumentWords + " words of arguments, at most " + LIMIT_WORDS, 0));
        }
        Map<AbstractInsnNode, Integer> lines = lines(method);
        for (AbstractInsnNode insn : method.instructions) {
            boolean allocation = insn.getOpcode() == Opcodes.NEWARRAY || insn.getOpcode() == Opcodes.ANEWARRAY;
            AbstractInsnNode size = insn.getPrevious();
            while (size != null && size.getOpcode() < 0) {
                size = size.getPrevious();
            }
            if (allocation && size != null) {
                Integer length = constant(size);
                if (length != null && (length < 0 || length > Short.MAX_VALUE)) {
                    violations.add(message(Rule.LIMITS, where, "array of " + length + " elements, at most " + Short.MAX_VALUE,
                            lines.getOrDefault(insn, 0)));
                }
            }
        }
    }

    private static Integer constant(AbstractInsnNode insn) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
            return opcode - Opcodes.ICONST_0;
        }
        if (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) {
            return ((IntInsnNode) insn).operand;
        }
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer value) {
            return value;
        }
        return null;
    }

    /** The source line of every instruction, from the line number table. */
    private static Map<AbstractInsnNode, Integer> lines(MethodNode method) {
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

    // ---------------------------------------------------------------------------------------------
    // INT_NARROWING: the converter's own data-flow analysis, so that the rule lives in one place

    private static void checkNarrowing(Set<String> violations, ClassNode type, MethodNode method) {
        if (method.instructions.size() == 0) {
            return;
        }
        String where = simpleName(type.name) + "." + method.name + method.desc;
        for (IntNarrowing.Violation violation : IntNarrowing.check(type.name, method, where)) {
            violations.add(message(Rule.INT_NARROWING, violation.where(), violation.what(), violation.line()));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<Integer, String> opcodes(String... names) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (String name : names) {
            try {
                map.put(Opcodes.class.getField(name).getInt(null), name);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no opcode " + name, e);
            }
        }
        return map;
    }

    private static Map<Integer, String> allOpcodes() {
        Map<Integer, String> map = new LinkedHashMap<>();
        boolean started = false;
        for (java.lang.reflect.Field field : Opcodes.class.getFields()) {
            // The opcode constants follow the other int constants of Opcodes, from NOP on.
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

    // ---------------------------------------------------------------------------------------------
    // TYPES, INSTRUCTIONS, CLASSES, ALLOCATION, STATIC_INIT: one pass of a class visitor

    private static final class ClassChecker extends ClassVisitor {

        private final Set<String> violations;
        private final String ownPackage;
        private String className;

        ClassChecker(Set<String> violations, String ownPackage) {
            super(Opcodes.ASM9);
            this.violations = violations;
            this.ownPackage = ownPackage;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            if (superName != null) {
                checkClass(simpleName(name), "superclass", superName, 0);
            }
            for (String implemented : interfaces) {
                checkClass(simpleName(name), "interface", implemented, 0);
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            String where = simpleName(className) + " field " + name;
            checkType(where, "", Type.getType(descriptor), 0);
            if (value != null && !(value instanceof Integer)) {
                violations.add(message(Rule.TYPES, where, "constant of type " + value.getClass().getSimpleName(), 0));
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String where = simpleName(className) + "." + name + descriptor;
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                violations.add(message(Rule.INSTRUCTIONS, where, "synchronized method", 0));
            }
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                violations.add(message(Rule.INSTRUCTIONS, where, "native method", 0));
            }
            Type method = Type.getMethodType(descriptor);
            for (Type argument : method.getArgumentTypes()) {
                checkType(where, " in the method descriptor", argument, 0);
            }
            checkType(where, " in the method descriptor", method.getReturnType(), 0);
            boolean constructor = name.equals("<init>");
            boolean install = name.equals("install") && (access & Opcodes.ACC_STATIC) != 0;
            return new MethodChecker(where, constructor, constructor || install, name.equals("<clinit>"));
        }

        /** Primitive types Java Card lacks, multi-dimensional arrays and classes outside the subset. */
        private void checkType(String where, String context, Type type, int line) {
            switch (type.getSort()) {
                case Type.INT -> violations.add(message(Rule.TYPES, where, "type int" + context, line));
                case Type.LONG -> violations.add(message(Rule.TYPES, where, "type long" + context, line));
                case Type.FLOAT -> violations.add(message(Rule.TYPES, where, "type float" + context, line));
                case Type.DOUBLE -> violations.add(message(Rule.TYPES, where, "type double" + context, line));
                case Type.CHAR -> violations.add(message(Rule.TYPES, where, "type char" + context, line));
                case Type.ARRAY -> {
                    if (type.getDimensions() > 1) {
                        violations.add(message(Rule.TYPES, where, "multi-dimensional array " + type.getDescriptor() + context, line));
                    }
                    checkType(where, context, type.getElementType(), line);
                }
                case Type.OBJECT -> checkClass(where, "type" + context, type.getInternalName(), line);
                case Type.METHOD -> {
                    for (Type argument : type.getArgumentTypes()) {
                        checkType(where, context, argument, line);
                    }
                    checkType(where, context, type.getReturnType(), line);
                }
                default -> {
                    // boolean, byte, short, void
                }
            }
        }

        private void checkClass(String where, String role, String internalName, int line) {
            if (internalName.startsWith("[")) {
                checkType(where, " (" + role + ")", Type.getType(internalName), line);
                return;
            }
            boolean allowed = JAVA_LANG.contains(internalName) || internalName.startsWith("javacard/")
                    || internalName.startsWith("javacardx/") || internalName.startsWith(ownPackage);
            if (!allowed) {
                violations.add(message(Rule.CLASSES, where, role + " refers to class " + internalName, line));
            }
        }

        private final class MethodChecker extends MethodVisitor {

            private final String where;
            private final boolean mayAllocateArrays;
            private final boolean mayAllocateObjects;
            private final boolean staticInitialiser;
            private int line;

            MethodChecker(String where, boolean mayAllocateArrays, boolean mayAllocateObjects, boolean staticInitialiser) {
                super(Opcodes.ASM9);
                this.where = where;
                this.mayAllocateArrays = mayAllocateArrays;
                this.mayAllocateObjects = mayAllocateObjects;
                this.staticInitialiser = staticInitialiser;
            }

            private void report(Rule rule, String what) {
                violations.add(message(rule, where, what, line));
            }

            /** A static initialiser may only push constants and store them in its own static fields. */
            private void notConstantOnly(String instruction) {
                if (staticInitialiser) {
                    report(Rule.STATIC_INIT, "static initialiser does more than store constants: " + instruction);
                }
            }

            @Override
            public void visitLineNumber(int lineNumber, Label start) {
                line = lineNumber;
            }

            @Override
            public void visitInsn(int opcode) {
                String forbidden = FORBIDDEN_OPCODES.get(opcode);
                if (forbidden != null) {
                    report(Rule.INSTRUCTIONS, forbidden);
                }
                if (!CONSTANT_PUSHES.containsKey(opcode)) {
                    notConstantOnly(OPCODE_NAMES.get(opcode));
                }
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                if (opcode == Opcodes.NEWARRAY) {
                    if (!mayAllocateArrays) {
                        report(Rule.ALLOCATION, "NEWARRAY outside a constructor");
                    }
                    if (operand != Opcodes.T_BOOLEAN && operand != Opcodes.T_BYTE && operand != Opcodes.T_SHORT) {
                        report(Rule.TYPES, "NEWARRAY of a type Java Card lacks (" + operand + ")");
                    }
                    notConstantOnly("NEWARRAY");
                }
            }

            @Override
            public void visitVarInsn(int opcode, int varIndex) {
                String forbidden = FORBIDDEN_OPCODES.get(opcode);
                if (forbidden != null) {
                    report(Rule.INSTRUCTIONS, forbidden + " " + varIndex);
                }
                notConstantOnly("local variable access");
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                String name = OPCODE_NAMES.get(opcode);
                if (opcode == Opcodes.NEW && !mayAllocateObjects) {
                    report(Rule.ALLOCATION, "NEW " + type + " outside a constructor or install");
                }
                if (opcode == Opcodes.ANEWARRAY && !mayAllocateArrays) {
                    report(Rule.ALLOCATION, "ANEWARRAY " + type + " outside a constructor");
                }
                checkClass(where, name + " operand", type, line);
                notConstantOnly(name + " " + type);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                String instruction = OPCODE_NAMES.get(opcode) + " " + owner + "." + name;
                checkClass(where, instruction + " owner", owner, line);
                checkType(where, " in " + instruction, Type.getType(descriptor), line);
                if (!(opcode == Opcodes.PUTSTATIC && owner.equals(className))) {
                    notConstantOnly(instruction);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                String instruction = OPCODE_NAMES.get(opcode) + " " + owner + "." + name;
                checkClass(where, instruction + " owner", owner, line);
                checkType(where, " in " + instruction + descriptor, Type.getMethodType(descriptor), line);
                notConstantOnly(instruction);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                report(Rule.INSTRUCTIONS, "INVOKEDYNAMIC " + name + descriptor);
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof String text) {
                    report(Rule.INSTRUCTIONS, "LDC of a String \"" + text + "\"");
                } else if (value instanceof Type type) {
                    report(Rule.INSTRUCTIONS, "LDC of a Class constant " + type.getDescriptor());
                } else if (value instanceof Long || value instanceof Float || value instanceof Double) {
                    report(Rule.INSTRUCTIONS, "LDC of a " + value.getClass().getSimpleName() + " " + value);
                } else if (value instanceof Handle || value instanceof ConstantDynamic) {
                    report(Rule.INSTRUCTIONS, "LDC of a dynamic constant " + value);
                }
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                notConstantOnly("jump");
            }

            @Override
            public void visitIincInsn(int varIndex, int increment) {
                notConstantOnly("IINC");
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                notConstantOnly("TABLESWITCH");
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                notConstantOnly("LOOKUPSWITCH");
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                report(Rule.TYPES, "MULTIANEWARRAY " + descriptor);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type != null) {
                    checkClass(where, "catch", type, line);
                }
            }

            @Override
            public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int index) {
                checkType(where, " of local variable " + name, Type.getType(descriptor), 0);
            }
        }
    }
}
