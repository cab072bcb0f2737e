package com.valuekiosk.card.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.applet.CreditCardApplet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * R-CA5: the applets stay inside the Java Card 2.2.2 subset, checked on their bytecode. No
 * {@code int}, {@code long}, {@code float}, {@code double} or {@code char} in any descriptor (fields,
 * parameters, return types, locals, referenced members); no long/float/double/char instructions; no
 * String or Class constants; only Java Card API classes, the few {@code java.lang} classes Java Card
 * has, and the applet package itself; allocation only in constructors ({@code new} also in
 * {@code install}); no static initialiser beyond constants; no threads (monitors, synchronized
 * methods) and no invokedynamic.
 *
 * <p>int <em>instructions</em> are allowed: javac computes short and byte arithmetic with them
 * (IADD, I2S, ...) and the Java Card converter maps them back to short ones.
 */
class JavaCardSubsetTest {

    private static final String APPLET_PACKAGE = "com/valuekiosk/card/applet/";

    @Test
    void appletsUseOnlyTheJavaCard222Subset() {
        Map<String, byte[]> classes = appletClasses();

        assertThat(classes).as("applet classes found next to CreditCardApplet")
                .containsKeys(APPLET_PACKAGE + "CreditCardApplet", APPLET_PACKAGE + "PurseApplet",
                        APPLET_PACKAGE + "Constants");
        List<String> violations = new ArrayList<>();
        classes.values().forEach(bytes -> violations.addAll(JavaCardSubset.check(bytes, APPLET_PACKAGE)));
        assertThat(violations).as("Java Card 2.2.2 violations in " + classes.keySet()).isEmpty();
    }

    /** The checker is not vacuous: a class full of forbidden constructs is reported on each of them. */
    @Test
    void checkerReportsEveryForbiddenConstruct() {
        List<String> violations = JavaCardSubset.check(classBytes(ForbiddenConstructs.class), "com/valuekiosk/card/sim/");
        String report = String.join("\n", violations);

        String forbidden = "JavaCardSubsetTest$ForbiddenConstructs";
        assertThat(report).contains(
                forbidden + " field total: type int",
                forbidden + " field created: type long",
                forbidden + ".add(I)V: synchronized method",
                forbidden + ".add(I)V: type int in the method descriptor",
                forbidden + ".describe(D)Ljava/lang/String;: type double in the method descriptor",
                forbidden + ".describe(D)Ljava/lang/String;: INVOKEDYNAMIC",
                forbidden + ".name()Ljava/lang/String;: LDC of a String \"name\"",
                forbidden + ".type()Ljava/lang/Class;: LDC of a Class constant",
                forbidden + ".lockAndCount()V: MONITORENTER",
                forbidden + ".lockAndCount()V: LADD",
                forbidden + ".half(S)F: FDIV",
                forbidden + ".buffer()[B: NEWARRAY outside a constructor",
                forbidden + ".<clinit>()V: static initialiser does more than store constants: INVOKESTATIC java/lang/System.nanoTime",
                "class java/lang/System",
                "class java/lang/String");
    }

    /** ...and it does not flag what Java Card allows: short arithmetic, a constant static, allocation at install. */
    @Test
    void checkerAcceptsJavaCardStyleCode() {
        assertThat(JavaCardSubset.check(classBytes(JavaCardStyle.class), "com/valuekiosk/card/sim/")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------

    /** Every class file of the applet package, by internal name, from the directory or jar that holds them. */
    static Map<String, byte[]> appletClasses() {
        Path location;
        try {
            location = Path.of(CreditCardApplet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve(APPLET_PACKAGE))) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        String name = location.relativize(file).toString().replace('\\', '/');
                        classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        ZipEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (name.startsWith(APPLET_PACKAGE) && name.endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                classes.put(name.substring(0, name.length() - ".class".length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the applet classes from " + location, e);
        }
        return classes;
    }

    private static byte[] classBytes(Class<?> type) {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The checker: one class file in, one message per violation out ("Class.method(desc): what"). */
    static final class JavaCardSubset {

        /** The java.lang classes of the Java Card 2.2.2 API. */
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

        private static final Map<Integer, String> NAMED = opcodes(
                "NEW", "ANEWARRAY", "CHECKCAST", "INSTANCEOF", "NEWARRAY", "GETSTATIC", "PUTSTATIC", "GETFIELD", "PUTFIELD",
                "INVOKEVIRTUAL", "INVOKESPECIAL", "INVOKESTATIC", "INVOKEINTERFACE", "BIPUSH", "SIPUSH");

        private JavaCardSubset() {
        }

        /** @param ownPackage internal name prefix of the package the class may refer to besides the API */
        static List<String> check(byte[] classBytes, String ownPackage) {
            List<String> violations = new ArrayList<>();
            new ClassReader(classBytes).accept(new ClassChecker(violations, ownPackage), 0);
            return violations;
        }

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

        private static final class ClassChecker extends ClassVisitor {

            private final List<String> violations;
            private final String ownPackage;
            private String className;

            ClassChecker(List<String> violations, String ownPackage) {
                super(Opcodes.ASM9);
                this.violations = violations;
                this.ownPackage = ownPackage;
            }

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                className = name;
                if (superName != null) {
                    checkClass(name, "superclass", superName);
                }
                for (String implemented : interfaces) {
                    checkClass(name, "interface", implemented);
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                String where = simpleName() + " field " + name;
                checkType(where, "", Type.getType(descriptor));
                if (value != null && !(value instanceof Integer)) {
                    violations.add(where + ": constant of type " + value.getClass().getSimpleName());
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                String where = simpleName() + "." + name + descriptor;
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    violations.add(where + ": synchronized method");
                }
                if ((access & Opcodes.ACC_NATIVE) != 0) {
                    violations.add(where + ": native method");
                }
                Type method = Type.getMethodType(descriptor);
                for (Type argument : method.getArgumentTypes()) {
                    checkType(where, " in the method descriptor", argument);
                }
                checkType(where, " in the method descriptor", method.getReturnType());
                boolean constructor = name.equals("<init>");
                boolean install = name.equals("install") && (access & Opcodes.ACC_STATIC) != 0;
                return new MethodChecker(where, constructor, constructor || install, name.equals("<clinit>"));
            }

            private String simpleName() {
                return className.substring(className.lastIndexOf('/') + 1);
            }

            /** Primitive types Java Card 2.2.2 lacks, multi-dimensional arrays and classes outside the subset. */
            private void checkType(String where, String context, Type type) {
                switch (type.getSort()) {
                    case Type.INT -> violations.add(where + ": type int" + context);
                    case Type.LONG -> violations.add(where + ": type long" + context);
                    case Type.FLOAT -> violations.add(where + ": type float" + context);
                    case Type.DOUBLE -> violations.add(where + ": type double" + context);
                    case Type.CHAR -> violations.add(where + ": type char" + context);
                    case Type.ARRAY -> {
                        if (type.getDimensions() > 1) {
                            violations.add(where + ": multi-dimensional array " + type.getDescriptor() + context);
                        }
                        checkType(where, context, type.getElementType());
                    }
                    case Type.OBJECT -> checkClass(where, "type" + context, type.getInternalName());
                    case Type.METHOD -> {
                        for (Type argument : type.getArgumentTypes()) {
                            checkType(where, context, argument);
                        }
                        checkType(where, context, type.getReturnType());
                    }
                    default -> {
                        // boolean, byte, short, void
                    }
                }
            }

            private void checkClass(String where, String role, String internalName) {
                if (internalName.startsWith("[")) {
                    checkType(where, " (" + role + ")", Type.getType(internalName));
                    return;
                }
                boolean allowed = JAVA_LANG.contains(internalName) || internalName.startsWith("javacard/")
                        || internalName.startsWith("javacardx/") || internalName.startsWith(ownPackage);
                if (!allowed) {
                    violations.add(where + ": " + role + " refers to class " + internalName);
                }
            }

            private final class MethodChecker extends MethodVisitor {

                private final String where;
                private final boolean mayAllocateArrays;
                private final boolean mayAllocateObjects;
                private final boolean staticInitialiser;

                MethodChecker(String where, boolean mayAllocateArrays, boolean mayAllocateObjects, boolean staticInitialiser) {
                    super(Opcodes.ASM9);
                    this.where = where;
                    this.mayAllocateArrays = mayAllocateArrays;
                    this.mayAllocateObjects = mayAllocateObjects;
                    this.staticInitialiser = staticInitialiser;
                }

                private void report(String what) {
                    violations.add(where + ": " + what);
                }

                /** A static initialiser may only push constants and store them in its own static fields. */
                private void notConstantOnly(String instruction) {
                    if (staticInitialiser) {
                        report("static initialiser does more than store constants: " + instruction);
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    String forbidden = FORBIDDEN_OPCODES.get(opcode);
                    if (forbidden != null) {
                        report(forbidden);
                    }
                    if (!CONSTANT_PUSHES.containsKey(opcode)) {
                        notConstantOnly("opcode " + opcode);
                    }
                }

                @Override
                public void visitIntInsn(int opcode, int operand) {
                    if (opcode == Opcodes.NEWARRAY) {
                        if (!mayAllocateArrays) {
                            report("NEWARRAY outside a constructor");
                        }
                        if (operand != Opcodes.T_BOOLEAN && operand != Opcodes.T_BYTE && operand != Opcodes.T_SHORT) {
                            report("NEWARRAY of a type Java Card lacks (" + operand + ")");
                        }
                        notConstantOnly("NEWARRAY");
                    }
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    String forbidden = FORBIDDEN_OPCODES.get(opcode);
                    if (forbidden != null) {
                        report(forbidden + " " + varIndex);
                    }
                    notConstantOnly("local variable access");
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    String name = NAMED.get(opcode);
                    if (opcode == Opcodes.NEW && !mayAllocateObjects) {
                        report("NEW " + type + " outside a constructor or install");
                    }
                    if (opcode == Opcodes.ANEWARRAY && !mayAllocateArrays) {
                        report("ANEWARRAY " + type + " outside a constructor");
                    }
                    checkClass(where, name + " operand", type);
                    notConstantOnly(name + " " + type);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    String instruction = NAMED.get(opcode) + " " + owner + "." + name;
                    checkClass(where, instruction + " owner", owner);
                    checkType(where, " in " + instruction, Type.getType(descriptor));
                    if (!(opcode == Opcodes.PUTSTATIC && owner.equals(className))) {
                        notConstantOnly(instruction);
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                    String instruction = NAMED.get(opcode) + " " + owner + "." + name;
                    checkClass(where, instruction + " owner", owner);
                    checkType(where, " in " + instruction + descriptor, Type.getMethodType(descriptor));
                    notConstantOnly(instruction);
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                    report("INVOKEDYNAMIC " + name + descriptor);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof String text) {
                        report("LDC of a String \"" + text + "\"");
                    } else if (value instanceof Type type) {
                        report("LDC of a Class constant " + type.getDescriptor());
                    } else if (value instanceof Long || value instanceof Float || value instanceof Double) {
                        report("LDC of a " + value.getClass().getSimpleName() + " " + value);
                    } else if (value instanceof Handle || value instanceof ConstantDynamic) {
                        report("LDC of a dynamic constant " + value);
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
                    report("MULTIANEWARRAY " + descriptor);
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type != null) {
                        checkClass(where, "catch", type);
                    }
                }

                @Override
                public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int index) {
                    checkType(where, " of local variable " + name, Type.getType(descriptor));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Everything the checker must refuse; compiled with the tests, read back as bytes. */
    @SuppressWarnings("unused")
    static final class ForbiddenConstructs {

        static long created = System.nanoTime();
        private int total;
        private final Object lock = new Object();

        String describe(double ratio) {
            return "total " + total + " at " + ratio;
        }

        synchronized void add(int amount) {
            total += amount;
        }

        void lockAndCount() {
            synchronized (lock) {
                created++;
            }
        }

        byte[] buffer() {
            return new byte[4];
        }

        Class<?> type() {
            return String.class;
        }

        String name() {
            return "name";
        }

        float half(short value) {
            return value / 2f;
        }
    }

    /** What Java Card allows: short arithmetic (int opcodes), a constant static, allocation at install. */
    @SuppressWarnings("unused")
    static final class JavaCardStyle {

        private static byte mode = 7;
        private final byte[] buffer;
        private short count;

        private JavaCardStyle() {
            buffer = new byte[8];
        }

        public static void install(byte[] parameters, short offset, byte length) {
            new JavaCardStyle().add(offset, length);
        }

        short add(short amount, byte step) {
            for (short i = 0; i < step; i++) {
                count = (short) (count + amount + mode);
            }
            buffer[0] = (byte) count;
            return count;
        }
    }
}
