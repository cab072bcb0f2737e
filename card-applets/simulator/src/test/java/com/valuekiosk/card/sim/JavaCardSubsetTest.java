package com.valuekiosk.card.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.applet.CreditCardApplet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * R-CA5: the applets follow the rules a Java Card converter enforces, checked on their bytecode by
 * {@link JavaCardSubset} (the rules are listed there): types, instructions, classes, allocation,
 * static initialisers, visibility of supers, int results narrowed to short, and the size limits.
 */
class JavaCardSubsetTest {

    private static final String APPLET_PACKAGE = "com/valuekiosk/card/applet/";
    private static final String OWN = "com/valuekiosk/card/sim/";
    private static final String TEST = "JavaCardSubsetTest$";

    @Test
    void appletsFollowTheConverterRules() {
        Map<String, byte[]> classes = appletClasses();

        assertThat(classes).as("applet classes found next to CreditCardApplet")
                .containsKeys(APPLET_PACKAGE + "CreditCardApplet", APPLET_PACKAGE + "PurseApplet",
                        APPLET_PACKAGE + "PersonalisedApplet", APPLET_PACKAGE + "Constants");
        assertThat(JavaCardSubset.checkPackage(classes.values(), APPLET_PACKAGE))
                .as("Java Card converter rule violations in " + classes.keySet()).isEmpty();
    }

    /** The checker is not vacuous: a class full of forbidden constructs is reported on each of them. */
    @Test
    void checkerReportsEveryForbiddenConstruct() {
        List<String> violations = JavaCardSubset.check(classBytes(ForbiddenConstructs.class), OWN);
        String report = String.join("\n", violations);

        String forbidden = TEST + "ForbiddenConstructs";
        assertThat(report).contains(
                "[TYPES] " + forbidden + " field total: type int",
                "[TYPES] " + forbidden + " field created: type long",
                "[INSTRUCTIONS] " + forbidden + ".add(I)V: synchronized method",
                "[TYPES] " + forbidden + ".add(I)V: type int in the method descriptor",
                "[TYPES] " + forbidden + ".describe(D)Ljava/lang/String;: type double in the method descriptor",
                "[INSTRUCTIONS] " + forbidden + ".describe(D)Ljava/lang/String;: INVOKEDYNAMIC",
                "[INSTRUCTIONS] " + forbidden + ".name()Ljava/lang/String;: LDC of a String \"name\"",
                "[INSTRUCTIONS] " + forbidden + ".type()Ljava/lang/Class;: LDC of a Class constant",
                "[INSTRUCTIONS] " + forbidden + ".lockAndCount()V: MONITORENTER",
                "[INSTRUCTIONS] " + forbidden + ".lockAndCount()V: LADD",
                "[INSTRUCTIONS] " + forbidden + ".half(S)F: FDIV",
                "[ALLOCATION] " + forbidden + ".buffer()[B: NEWARRAY outside a constructor",
                "[STATIC_INIT] " + forbidden + ".<clinit>()V: static initialiser does more than store constants: "
                        + "INVOKESTATIC java/lang/System.nanoTime",
                "[CLASSES] ",
                "class java/lang/System",
                "class java/lang/String");
        assertThat(violations).filteredOn(v -> v.contains("MONITORENTER") || v.contains("FDIV") || v.contains("LDC"))
                .as("instruction-level messages name the source line")
                .allMatch(v -> v.matches(".*\\(line \\d+\\)$"));
    }

    /** ...and it does not flag what Java Card allows: short arithmetic, a constant static, allocation at install. */
    @Test
    void checkerAcceptsJavaCardStyleCode() {
        assertThat(JavaCardSubset.check(classBytes(JavaCardStyle.class), OWN)).isEmpty();
    }

    @Test
    void intResultUsedWithoutNarrowingIsReportedWithItsLine() {
        List<String> violations = JavaCardSubset.check(classBytes(WideInts.class), OWN);

        String wide = "[INT_NARROWING] " + TEST + "WideInts.";
        assertThat(violations).anyMatch(v -> v.startsWith(wide + "overflows(SSS)Z: int result of IADD compared by IF_ICMP")
                && v.matches(".*without a \\(short\\) or \\(byte\\) cast \\(line \\d+\\)$"));
        assertThat(violations).anyMatch(v -> v.startsWith(wide + "next([BS)B: int result of IADD used as an array index"));
        assertThat(violations).anyMatch(v -> v.startsWith(wide + "mean(SS)S: int result of IADD divided by IDIV"));
        assertThat(violations).anyMatch(v -> v.startsWith(wide + "pick(SS)B: int result of IADD compared by LOOKUPSWITCH"));
        assertThat(violations).anyMatch(v -> v.startsWith(wide + "unsigned(S)S: IUSHR"));
        assertThat(violations).as("the narrowed forms in the same class pass")
                .noneMatch(v -> v.contains(".narrowed("));
    }

    @Test
    void packageVisibleSuperWithPublicMethodsIsReported() {
        List<String> violations = JavaCardSubset.checkPackage(
                List.of(classBytes(PackageSuper.class), classBytes(ExtendsPackageSuper.class)), OWN);

        assertThat(violations).containsExactly("[SUPER_VISIBILITY] " + TEST + "ExtendsPackageSuper: package-visible super class "
                + TEST + "PackageSuper has public or protected method(s) [process()V, check()V]");
        assertThat(JavaCardSubset.checkPackage(
                List.of(classBytes(PublicSuper.class), classBytes(ExtendsPublicSuper.class)), OWN)).isEmpty();
    }

    @Test
    void sizeLimitsAreReported() {
        List<String> violations = JavaCardSubset.check(oversized(), OWN);

        assertThat(violations).containsExactlyInAnyOrder(
                "[LIMITS] Oversized.<init>()V: operand stack of 300 words, at most 255",
                "[LIMITS] Oversized.<init>()V: 256 words of locals, at most 255",
                "[LIMITS] Oversized.<init>()V: array of 40000 elements, at most 32767 (line 7)",
                "[INT_NARROWING] Oversized.<init>()V: int result of the constant 40000 used as an array length"
                        + " without a (short) or (byte) cast (line 7)");
    }

    /** A class no compiler would write: too deep a stack, too many locals, too long an array. */
    private static byte[] oversized() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, OWN + "Oversized", null, "java/lang/Object", null);
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        org.objectweb.asm.Label start = new org.objectweb.asm.Label();
        init.visitLabel(start);
        init.visitLineNumber(7, start);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitLdcInsn(40000);
        init.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_BYTE);
        init.visitVarInsn(Opcodes.ASTORE, 1);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(300, 256);
        init.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
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

    /** Short arithmetic whose int result reaches a use without a cast, next to the narrowed forms. */
    @SuppressWarnings("unused")
    static final class WideInts {

        boolean overflows(short a, short b, short c) {
            return a + b > c;
        }

        byte next(byte[] buffer, short offset) {
            return buffer[offset + 1];
        }

        short mean(short a, short b) {
            return (short) ((a + b) / 2);
        }

        byte pick(short a, short b) {
            switch (a + b) {
                case 1:
                    return 1;
                case 500:
                    return 2;
                default:
                    return 0;
            }
        }

        short unsigned(short a) {
            return (short) (a >>> 2);
        }

        boolean narrowed(short a, short b, short c, byte[] buffer) {
            return (short) (a + b) > c && buffer[(short) (a + 1)] == 0 && (short) ((short) (a + b) / 2) > 0;
        }
    }

    /** A package-visible super class with a public and a protected method: the converter refuses its subclasses. */
    @SuppressWarnings("unused")
    abstract static class PackageSuper {
        public void process() {
        }

        protected abstract void check();

        void internal() {
        }
    }

    static final class ExtendsPackageSuper extends PackageSuper {
        @Override
        protected void check() {
        }
    }

    /** The same, public: accepted. */
    public abstract static class PublicSuper {
        public void process() {
        }

        protected abstract void check();
    }

    static final class ExtendsPublicSuper extends PublicSuper {
        @Override
        protected void check() {
        }
    }
}
