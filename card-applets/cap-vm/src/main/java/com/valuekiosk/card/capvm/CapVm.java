package com.valuekiosk.card.capvm;

import com.valuekiosk.card.cap.ApiTokens;
import com.valuekiosk.card.cap.ApiTokens.ApiClass;
import com.valuekiosk.card.cap.CapFile;
import com.valuekiosk.card.capvm.ApiLinker.ApiCall;
import com.valuekiosk.card.capvm.CapPackage.CapClass;
import com.valuekiosk.card.capvm.CapPackage.CpEntry;
import com.valuekiosk.card.capvm.CapPackage.Handler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Java Card virtual machine for one CAP file: interprets the Method component's bytecode (JCVM
 * specification, chapter 7) with 16-bit arithmetic that wraps as on a card, and links every
 * external reference to the Java Card API implementation it is loaded with (jcardsim's
 * {@code javacard.*} classes) through the API's token numbers ({@link ApiTokens}).
 *
 * <p>Values: a word of the operand stack or of the locals is a {@code short} or a reference, held
 * in two parallel arrays; arrays are real Java arrays (so the API can read and write them), objects
 * of the package's classes are {@link CapObject}s — {@link CapAppletProxy} for applets, which
 * jcardsim registers and calls like any applet. Exceptions the API throws (ISOException & co.) and
 * those of the bytecode itself (a null reference, an index out of bounds) go to the CAP's exception
 * handlers and, when none catches them, out of the interpreter unchanged, so that jcardsim turns
 * them into status words as it does for applet classes. Problems of the CAP itself are
 * {@link CapVmException}s, which no handler catches.
 *
 * <p>One instance per card: the package's static fields are the card's. Not thread-safe (a card
 * runs one command at a time).
 */
public final class CapVm {

    /** The answer of {@link #callFromApi} when the interpreted class does not override the API method. */
    static final Object NOT_OVERRIDDEN = new Object();
    private static final Object VOID = new Object();
    private static final String APPLET = "javacard/framework/Applet";
    private static final String OBJECT = "java/lang/Object";

    private final CapPackage cap;
    private final ApiLinker api;
    /** Executions by opcode, shared with whoever asked for them; null when nobody counts. */
    private final AtomicLongArray counts;
    /** Executions by opcode since the last {@link #publishCounts}: counted here, added to {@code counts} per command. */
    private final long[] executed = new long[256];
    private final Object[] staticReferences;
    private final byte[] staticImage;
    /** Linked constant pool entries: ApiCall, Field, Class, VirtualRef. */
    private final Map<Integer, Object> linked = new HashMap<>();
    /** Applet's methods jcardsim calls ({@code process}, {@code select}, …), linked once. */
    private final Map<String, ApiCall> appletMethods = new HashMap<>();

    /** A virtual method token resolved on the class a VirtualMethodref names. */
    private record VirtualRef(int token, int words, ApiCall api) {
    }

    /** The object of an API class between {@code new} and its constructor call. */
    private record Uninitialized(Class<?> type) {
    }

    /**
     * @param capFile the CAP file (the JAR)
     * @param counts  receives one count per executed instruction at its opcode (256 entries), or null
     */
    public CapVm(byte[] capFile, AtomicLongArray counts) {
        try {
            this.cap = new CapPackage(CapFile.read(new ByteArrayInputStream(capFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the CAP file", e);
        }
        this.api = new ApiLinker(cap, ApiTokens.javaCard304(), CapVm.class.getClassLoader());
        this.counts = counts;
        this.staticReferences = new Object[cap.staticReferenceCount];
        this.staticImage = new byte[cap.staticImageSize];
        initialiseStatics();
    }

    private void initialiseStatics() {
        for (int i = 0; i < cap.staticArrayInits.size(); i++) {
            int type = cap.staticArrayInits.get(i)[0];
            byte[] values = cap.staticArrayValues.get(i);
            staticReferences[i] = switch (type) {
                case 2 -> {
                    boolean[] array = new boolean[values.length];
                    for (int k = 0; k < values.length; k++) {
                        array[k] = values[k] != 0;
                    }
                    yield array;
                }
                case 3 -> values.clone();
                case 4 -> {
                    short[] array = new short[values.length / 2];
                    for (int k = 0; k < array.length; k++) {
                        array[k] = (short) (((values[2 * k] & 0xFF) << 8) | (values[2 * k + 1] & 0xFF));
                    }
                    yield array;
                }
                default -> throw new CapVmException("static array of type " + type + " (int arrays are not supported)");
            };
        }
        int nonDefault = 2 * cap.staticReferenceCount + cap.staticDefaultValueCount;
        System.arraycopy(cap.staticNonDefaultValues, 0, staticImage, nonDefault, cap.staticNonDefaultValues.length);
    }

    // ---------------------------------------------------------------------------------------------
    // Entry points

    /** Runs the install method of the applet with this AID (hex), as the card's installer does. */
    public void install(String appletAid, byte[] parameters, short offset, byte length) {
        Integer method = cap.applets.get(appletAid.toUpperCase(java.util.Locale.ROOT));
        if (method == null) {
            throw new CapVmException("the CAP file has no applet " + appletAid + "; it has " + cap.applets.keySet());
        }
        short[] s = {0, offset, length};
        Object[] a = {parameters, null, null};
        try {
            run(method, s, a, 0, 3);
        } finally {
            publishCounts();
        }
    }

    private void publishCounts() {
        for (int opcode = 0; opcode < executed.length; opcode++) {
            if (executed[opcode] != 0) {
                if (counts != null) {
                    counts.addAndGet(opcode, executed[opcode]);
                }
                executed[opcode] = 0;
            }
        }
    }

    /**
     * jcardsim calls an API method of an applet ({@code process}, {@code select}, …): runs the
     * interpreted override, or answers {@link #NOT_OVERRIDDEN}.
     */
    Object callFromApi(CapObject target, String name, String descriptor, Object... arguments) {
        ApiCall call = appletMethods.computeIfAbsent(name + descriptor, key -> api.virtualMethod(APPLET, name, descriptor));
        int method = lookup(target.capClass(), call.token());
        if (method < 0) {
            return NOT_OVERRIDDEN;
        }
        short[] s = new short[1 + arguments.length];
        Object[] a = new Object[1 + arguments.length];
        a[0] = target;
        for (int i = 0; i < arguments.length; i++) {
            switch (call.parameters()[i]) {
                case 'A' -> a[1 + i] = arguments[i];
                case 'Z' -> s[1 + i] = (short) ((Boolean) arguments[i] ? 1 : 0);
                case 'B' -> s[1 + i] = (Byte) arguments[i];
                case 'S' -> s[1 + i] = (Short) arguments[i];
                default -> throw new CapVmException("parameter type " + call.parameters()[i]);
            }
        }
        Object result;
        try {
            result = run(method, s, a, 0, s.length);
        } finally {
            publishCounts();
        }
        return call.returnType() == 'Z' ? (Object) (((Short) result) != 0) : result;
    }

    /** The method a class's virtual method tables give a token, or -1 when an API class defines it. */
    private int lookup(CapClass type, int token) {
        for (CapClass c = type; ; c = cap.capClass(c.superRef)) {
            int entry = c.tableEntry(token);
            if (entry >= 0) {
                return entry;
            }
            if (!c.superIsInternal()) {
                return -1;
            }
        }
    }

    /** The first external class up the hierarchy of an internal class. */
    private ApiClass externalSuper(CapClass type) {
        CapClass c = type;
        while (c.superIsInternal()) {
            c = cap.capClass(c.superRef);
        }
        if (c.superRef == 0xFFFF) {
            throw new CapVmException("class@" + c.offset + " has no superclass");
        }
        return api.apiClass(c.superRef);
    }

    // ---------------------------------------------------------------------------------------------
    // The interpreter

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    private static short s2(byte[] code, int at) {
        return (short) u2(code, at);
    }

    /** Method header: nargs, from either header form. */
    private int nargsOf(int method) {
        byte[] m = cap.methods;
        return (m[method] & 0x80) != 0 ? m[method + 2] & 0xFF : (m[method + 1] & 0xFF) >> 4;
    }

    /**
     * Runs the method at {@code method} with its arguments in {@code argS}/{@code argA} from
     * {@code from}, {@code words} of them; answers a Short, a reference or {@link #VOID}.
     */
    private Object run(int method, short[] argS, Object[] argA, int from, int words) {
        byte[] code = cap.methods;
        int header = code[method] & 0xFF;
        int flags = header >> 4;
        int maxStack;
        int nargs;
        int maxLocals;
        int pc;
        if ((flags & 0x8) != 0) {
            maxStack = code[method + 1] & 0xFF;
            nargs = code[method + 2] & 0xFF;
            maxLocals = code[method + 3] & 0xFF;
            pc = method + 4;
        } else {
            maxStack = header & 0xF;
            nargs = (code[method + 1] & 0xFF) >> 4;
            maxLocals = code[method + 1] & 0xF;
            pc = method + 2;
        }
        if ((flags & 0x4) != 0) {
            throw new CapVmException("method@" + method + " is abstract");
        }
        if (nargs != words) {
            throw new CapVmException("method@" + method + " takes " + nargs + " words of arguments, the call passes " + words);
        }
        short[] ls = new short[nargs + maxLocals];
        Object[] la = new Object[nargs + maxLocals];
        System.arraycopy(argS, from, ls, 0, words);
        System.arraycopy(argA, from, la, 0, words);
        Frame f = new Frame(method, maxStack, ls, la);

        while (true) {
            int at = pc;
            int opcode = code[at] & 0xFF;
            executed[opcode]++;
            try {
                int next = execute(f, code, at, opcode);
                if (next == RETURNED) {
                    return f.result;
                }
                pc = next;
            } catch (CapVmException e) {
                throw e;
            } catch (Error e) {
                throw e;
            } catch (Throwable thrown) {
                int handler = handlerFor(at, thrown);
                if (handler < 0) {
                    throw sneaky(thrown);
                }
                f.sp = 0;
                f.pushA(thrown);
                pc = handler;
            }
        }
    }

    private static final int RETURNED = -1;

    /** One activation: operand stack and locals, each word a short or a reference. */
    private static final class Frame {
        final int method;
        final short[] s;
        final Object[] a;
        final short[] ls;
        final Object[] la;
        int sp;
        Object result;

        Frame(int method, int maxStack, short[] ls, Object[] la) {
            this.method = method;
            this.s = new short[maxStack];
            this.a = new Object[maxStack];
            this.ls = ls;
            this.la = la;
        }

        void pushS(int value) {
            if (sp >= s.length) {
                throw overflow();
            }
            s[sp] = (short) value;
            a[sp++] = null;
        }

        void pushA(Object value) {
            if (sp >= s.length) {
                throw overflow();
            }
            s[sp] = 0;
            a[sp++] = value;
        }

        short popS() {
            if (sp <= 0) {
                throw underflow();
            }
            return s[--sp];
        }

        Object popA() {
            if (sp <= 0) {
                throw underflow();
            }
            Object value = a[--sp];
            a[sp] = null;
            return value;
        }

        /** Checks that {@code words} words are on the stack; answers the index of the lowest. */
        int take(int words) {
            if (sp < words) {
                throw underflow();
            }
            return sp - words;
        }

        int local(int index) {
            if (index >= ls.length) {
                throw new CapVmException("method@" + method + ": local " + index + " beyond max_locals");
            }
            return index;
        }

        private CapVmException overflow() {
            return new CapVmException("method@" + method + ": operand stack deeper than max_stack " + s.length);
        }

        private CapVmException underflow() {
            return new CapVmException("method@" + method + ": operand stack underflow");
        }
    }

    /** The handler for an exception thrown at {@code at}: the first entry of the table that covers it and catches its type. */
    private int handlerFor(int at, Throwable thrown) {
        for (Handler handler : cap.handlers) {
            if (at >= handler.start() && at < handler.end()
                    && (handler.catchTypeIndex() == 0 || isInstance(thrown, 0, handler.catchTypeIndex()))) {
                return handler.handler();
            }
        }
        return -1;
    }

    /** Executes one instruction; answers the next pc, or {@link #RETURNED}. */
    private int execute(Frame f, byte[] code, int at, int opcode) throws Throwable {
        switch (opcode) {
            case 0x00 -> { // nop
            }
            case 0x01 -> f.pushA(null);
            case 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 -> f.pushS(opcode - 0x03); // sconst_m1 .. sconst_5
            case 0x10 -> f.pushS(code[at + 1]); // bspush
            case 0x11 -> f.pushS(s2(code, at + 1)); // sspush
            case 0x15 -> f.pushA(f.la[f.local(code[at + 1] & 0xFF)]); // aload
            case 0x16 -> f.pushS(f.ls[f.local(code[at + 1] & 0xFF)]); // sload
            case 0x18, 0x19, 0x1A, 0x1B -> f.pushA(f.la[f.local(opcode - 0x18)]);
            case 0x1C, 0x1D, 0x1E, 0x1F -> f.pushS(f.ls[f.local(opcode - 0x1C)]);
            case 0x24 -> { // aaload
                short index = f.popS();
                Object[] array = (Object[]) nonNull(f.popA());
                f.pushA(array[index]);
            }
            case 0x25 -> { // baload
                short index = f.popS();
                Object array = nonNull(f.popA());
                f.pushS(array instanceof boolean[] flags ? (flags[index] ? 1 : 0) : ((byte[]) array)[index]);
            }
            case 0x26 -> { // saload
                short index = f.popS();
                f.pushS(((short[]) nonNull(f.popA()))[index]);
            }
            case 0x28 -> { // astore
                int local = f.local(code[at + 1] & 0xFF);
                f.la[local] = f.popA();
            }
            case 0x29 -> { // sstore
                int local = f.local(code[at + 1] & 0xFF);
                f.ls[local] = f.popS();
                f.la[local] = null;
            }
            case 0x2B, 0x2C, 0x2D, 0x2E -> f.la[f.local(opcode - 0x2B)] = f.popA();
            case 0x2F, 0x30, 0x31, 0x32 -> {
                int local = f.local(opcode - 0x2F);
                f.ls[local] = f.popS();
                f.la[local] = null;
            }
            case 0x37 -> { // aastore
                Object value = f.popA();
                short index = f.popS();
                ((Object[]) nonNull(f.popA()))[index] = value;
            }
            case 0x38 -> { // bastore
                short value = f.popS();
                short index = f.popS();
                Object array = nonNull(f.popA());
                if (array instanceof boolean[] flags) {
                    flags[index] = (value & 1) != 0;
                } else {
                    ((byte[]) array)[index] = (byte) value;
                }
            }
            case 0x39 -> { // sastore
                short value = f.popS();
                short index = f.popS();
                ((short[]) nonNull(f.popA()))[index] = value;
            }
            case 0x3B -> dropArguments(f, f.take(1)); // pop
            case 0x3C -> dropArguments(f, f.take(2)); // pop2
            case 0x3D -> dupX(f, 1, 0); // dup
            case 0x3E -> dupX(f, 2, 0); // dup2
            case 0x3F -> dupX(f, (code[at + 1] >> 4) & 0xF, code[at + 1] & 0xF);
            case 0x40 -> swapX(f, (code[at + 1] >> 4) & 0xF, code[at + 1] & 0xF);
            case 0x41, 0x43, 0x45, 0x47, 0x49, 0x4D, 0x4F, 0x51, 0x53, 0x55, 0x57 -> binary(f, opcode);
            case 0x4B -> f.pushS(-f.popS()); // sneg
            case 0x59 -> { // sinc
                int local = f.local(code[at + 1] & 0xFF);
                f.ls[local] = (short) (f.ls[local] + code[at + 2]);
            }
            case 0x96 -> { // sinc_w
                int local = f.local(code[at + 1] & 0xFF);
                f.ls[local] = (short) (f.ls[local] + s2(code, at + 2));
            }
            case 0x5B -> f.pushS((byte) f.popS()); // s2b
            case 0x60, 0x61, 0x62, 0x63, 0x64, 0x65 -> {
                return compareZero(opcode - 0x60, f.popS()) ? at + code[at + 1] : at + 2;
            }
            case 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D -> {
                return compareZero(opcode - 0x98, f.popS()) ? at + s2(code, at + 1) : at + 3;
            }
            case 0x66, 0x67 -> {
                boolean isNull = f.popA() == null;
                return isNull == (opcode == 0x66) ? at + code[at + 1] : at + 2;
            }
            case 0x9E, 0x9F -> {
                boolean isNull = f.popA() == null;
                return isNull == (opcode == 0x9E) ? at + s2(code, at + 1) : at + 3;
            }
            case 0x68, 0x69 -> {
                Object right = f.popA();
                boolean same = f.popA() == right;
                return same == (opcode == 0x68) ? at + code[at + 1] : at + 2;
            }
            case 0xA0, 0xA1 -> {
                Object right = f.popA();
                boolean same = f.popA() == right;
                return same == (opcode == 0xA0) ? at + s2(code, at + 1) : at + 3;
            }
            case 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F -> {
                short right = f.popS();
                short left = f.popS();
                return compareZero(opcode - 0x6A, left - right) ? at + code[at + 1] : at + 2;
            }
            case 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7 -> {
                short right = f.popS();
                short left = f.popS();
                return compareZero(opcode - 0xA2, left - right) ? at + s2(code, at + 1) : at + 3;
            }
            case 0x70 -> {
                return at + code[at + 1];
            }
            case 0xA8 -> {
                return at + s2(code, at + 1);
            }
            case 0x73 -> { // stableswitch
                short key = f.popS();
                int low = s2(code, at + 3);
                int high = s2(code, at + 5);
                return key < low || key > high ? at + s2(code, at + 1) : at + s2(code, at + 7 + 2 * (key - low));
            }
            case 0x75 -> { // slookupswitch
                short key = f.popS();
                int pairs = u2(code, at + 3);
                for (int i = 0; i < pairs; i++) {
                    if (s2(code, at + 5 + 4 * i) == key) {
                        return at + s2(code, at + 7 + 4 * i);
                    }
                }
                return at + s2(code, at + 1);
            }
            case 0x77 -> {
                f.result = f.popA();
                return RETURNED;
            }
            case 0x78 -> {
                f.result = f.popS();
                return RETURNED;
            }
            case 0x7A -> {
                f.result = VOID;
                return RETURNED;
            }
            case 0x7B, 0x7C, 0x7D -> getStatic(f, opcode - 0x7B, u2(code, at + 1));
            case 0x7F, 0x80, 0x81 -> putStatic(f, opcode - 0x7F, u2(code, at + 1));
            case 0x83, 0x84, 0x85 -> getField(f, opcode - 0x83, code[at + 1] & 0xFF, null);
            case 0xA9, 0xAA, 0xAB -> getField(f, opcode - 0xA9, u2(code, at + 1), null);
            case 0xAD, 0xAE, 0xAF -> getField(f, opcode - 0xAD, code[at + 1] & 0xFF, f.la[0]);
            case 0x87, 0x88, 0x89 -> putField(f, opcode - 0x87, code[at + 1] & 0xFF, false);
            case 0xB1, 0xB2, 0xB3 -> putField(f, opcode - 0xB1, u2(code, at + 1), false);
            case 0xB5, 0xB6, 0xB7 -> putField(f, opcode - 0xB5, code[at + 1] & 0xFF, true);
            case 0x8B -> invokeVirtual(f, u2(code, at + 1));
            case 0x8C -> invokeSpecial(f, u2(code, at + 1));
            case 0x8D -> invokeStatic(f, u2(code, at + 1));
            case 0x8E -> invokeInterface(f, code[at + 1] & 0xFF, u2(code, at + 2), code[at + 4] & 0xFF);
            case 0x8F -> f.pushA(newObject(u2(code, at + 1)));
            case 0x90 -> { // newarray
                short length = f.popS();
                f.pushA(switch (code[at + 1]) {
                    case 10 -> new boolean[length];
                    case 11 -> new byte[length];
                    case 12 -> new short[length];
                    default -> throw new CapVmException("newarray of type " + code[at + 1] + " (int arrays are not supported)");
                });
            }
            case 0x91 -> { // anewarray
                short length = f.popS();
                f.pushA(new Object[length]);
            }
            case 0x92 -> f.pushS(Array.getLength(nonNull(f.popA()))); // arraylength
            case 0x93 -> { // athrow
                Object thrown = nonNull(f.popA());
                if (!(thrown instanceof Throwable throwable)) {
                    throw new CapVmException("athrow of " + thrown + ", which is not an API exception object");
                }
                throw throwable;
            }
            case 0x94 -> { // checkcast
                Object value = f.popA();
                if (value != null && !isInstance(value, code[at + 1] & 0xFF, u2(code, at + 2))) {
                    throw new ClassCastException(value.getClass().getName());
                }
                f.pushA(value);
            }
            case 0x95 -> { // instanceof
                Object value = f.popA();
                f.pushS(value != null && isInstance(value, code[at + 1] & 0xFF, u2(code, at + 2)) ? 1 : 0);
            }
            default -> throw new CapVmException(String.format("method@%d: instruction 0x%02X (%s) at %d is not supported",
                    f.method, opcode, com.valuekiosk.card.cap.JcOpcodes.name(opcode), at));
        }
        return at + com.valuekiosk.card.cap.JcOpcodes.length(code, at);
    }

    private static Object nonNull(Object reference) {
        if (reference == null) {
            throw new NullPointerException();
        }
        return reference;
    }

    /** ifeq, ifne, iflt, ifge, ifgt, ifle (0..5) of a value compared with zero. */
    private static boolean compareZero(int condition, int value) {
        return switch (condition) {
            case 0 -> value == 0;
            case 1 -> value != 0;
            case 2 -> value < 0;
            case 3 -> value >= 0;
            case 4 -> value > 0;
            default -> value <= 0;
        };
    }

    /** 16-bit arithmetic: the int result's low 16 bits, shift distances the low 5 bits (JCVM 7.5). */
    private static void binary(Frame f, int opcode) {
        int right = f.popS();
        int left = f.popS();
        f.pushS(switch (opcode) {
            case 0x41 -> left + right;
            case 0x43 -> left - right;
            case 0x45 -> left * right;
            case 0x47 -> left / right;
            case 0x49 -> left % right;
            case 0x4D -> left << (right & 0x1F);
            case 0x4F -> left >> (right & 0x1F);
            case 0x51 -> (left & 0xFFFF) >>> (right & 0x1F);
            case 0x53 -> left & right;
            case 0x55 -> left | right;
            default -> left ^ right;
        });
    }

    /** dup_x: copies the top m words and inserts them n words down (n = 0: on top). */
    private static void dupX(Frame f, int m, int n) {
        int depth = n == 0 ? m : n;
        if (m < 1 || m > 4 || (n != 0 && (n < m || n > m + 4))) {
            throw new CapVmException("method@" + f.method + ": dup_x with m " + m + ", n " + n);
        }
        int base = f.take(depth);
        if (f.sp + m > f.s.length) {
            throw f.overflow();
        }
        short[] copyS = new short[m];
        Object[] copyA = new Object[m];
        System.arraycopy(f.s, f.sp - m, copyS, 0, m);
        System.arraycopy(f.a, f.sp - m, copyA, 0, m);
        System.arraycopy(f.s, base, f.s, base + m, depth);
        System.arraycopy(f.a, base, f.a, base + m, depth);
        System.arraycopy(copyS, 0, f.s, base, m);
        System.arraycopy(copyA, 0, f.a, base, m);
        f.sp += m;
    }

    /** swap_x: swaps the top m words with the n words below them. */
    private static void swapX(Frame f, int m, int n) {
        if (m < 1 || m > 2 || n < 1 || n > 2) {
            throw new CapVmException("method@" + f.method + ": swap_x with m " + m + ", n " + n);
        }
        int base = f.take(m + n);
        short[] s = new short[m + n];
        Object[] a = new Object[m + n];
        System.arraycopy(f.s, base + n, s, 0, m);
        System.arraycopy(f.a, base + n, a, 0, m);
        System.arraycopy(f.s, base, s, m, n);
        System.arraycopy(f.a, base, a, m, n);
        System.arraycopy(s, 0, f.s, base, m + n);
        System.arraycopy(a, 0, f.a, base, m + n);
    }

    // ---------------------------------------------------------------------------------------------
    // Fields

    private CpEntry expect(int index, int tag) {
        CpEntry entry = cap.cp(index);
        if (entry.tag() != tag) {
            throw new CapVmException("constant pool entry " + index + " has tag " + entry.tag() + ", expected " + tag);
        }
        return entry;
    }

    /** type: 0 reference, 1 byte, 2 short. */
    private void getField(Frame f, int type, int index, Object self) {
        CpEntry entry = expect(index, CapPackage.CP_INSTANCE_FIELD);
        Object target = self != null ? self : f.popA();
        int cell = fieldCell(entry, nonNull(target));
        CapObject object = (CapObject) target;
        switch (type) {
            case 0 -> f.pushA(object.referenceFields()[cell]);
            default -> f.pushS(object.primitiveFields()[cell]);
        }
    }

    private void putField(Frame f, int type, int index, boolean self) {
        CpEntry entry = expect(index, CapPackage.CP_INSTANCE_FIELD);
        Object value = null;
        short primitive = 0;
        if (type == 0) {
            value = f.popA();
        } else {
            primitive = f.popS();
        }
        Object target = self ? f.la[0] : f.popA();
        int cell = fieldCell(entry, nonNull(target));
        CapObject object = (CapObject) target;
        switch (type) {
            case 0 -> object.referenceFields()[cell] = value;
            case 1 -> object.primitiveFields()[cell] = (byte) primitive;
            default -> object.primitiveFields()[cell] = primitive;
        }
    }

    private int fieldCell(CpEntry entry, Object target) {
        if (entry.external()) {
            throw new CapVmException("instance field of an API class: the API has none to link");
        }
        if (!(target instanceof CapObject)) {
            throw new CapVmException("field access on " + target.getClass().getName() + ", not an object of the package");
        }
        CapClass declaring = cap.capClass(entry.classRef());
        int token = entry.b3();
        if (token >= declaring.declaredInstanceSize) {
            throw new CapVmException("field token " + token + " beyond the " + declaring.declaredInstanceSize + " cells of class@"
                    + declaring.offset);
        }
        return declaring.fieldBase + token;
    }

    private void getStatic(Frame f, int type, int index) throws IllegalAccessException {
        CpEntry entry = expect(index, CapPackage.CP_STATIC_FIELD);
        if (entry.external()) {
            Field field = (Field) linked.computeIfAbsent(index, i -> api.staticField(entry.b1() & 0x7F, entry.b2(), entry.b3()));
            Object value = field.get(null);
            switch (type) {
                case 0 -> f.pushA(value);
                case 1 -> f.pushS(value instanceof Boolean flag ? (flag ? 1 : 0) : (Byte) value);
                default -> f.pushS((Short) value);
            }
            return;
        }
        int offset = entry.offset();
        switch (type) {
            case 0 -> f.pushA(staticReferences[referenceSlot(offset)]);
            case 1 -> f.pushS(staticImage[offset]);
            default -> f.pushS((short) (((staticImage[offset] & 0xFF) << 8) | (staticImage[offset + 1] & 0xFF)));
        }
    }

    private void putStatic(Frame f, int type, int index) {
        CpEntry entry = expect(index, CapPackage.CP_STATIC_FIELD);
        if (entry.external()) {
            throw new CapVmException("putstatic on an API field");
        }
        int offset = entry.offset();
        switch (type) {
            case 0 -> staticReferences[referenceSlot(offset)] = f.popA();
            case 1 -> staticImage[offset] = (byte) f.popS();
            default -> {
                short value = f.popS();
                staticImage[offset] = (byte) (value >> 8);
                staticImage[offset + 1] = (byte) value;
            }
        }
    }

    private int referenceSlot(int offset) {
        if (offset % 2 != 0 || offset / 2 >= staticReferences.length) {
            throw new CapVmException("static reference field at offset " + offset + " outside the reference segment");
        }
        return offset / 2;
    }

    // ---------------------------------------------------------------------------------------------
    // Objects and types

    private Object newObject(int index) throws ReflectiveOperationException {
        CpEntry entry = expect(index, CapPackage.CP_CLASS);
        int classRef = entry.classRef();
        if ((classRef & 0x8000) != 0) {
            return new Uninitialized(javaClassOf(index, classRef));
        }
        CapClass type = cap.capClass(classRef);
        String root = externalSuper(type).name();
        return switch (root) {
            case APPLET -> new CapAppletProxy(this, type);
            case OBJECT -> new CapInstance(type);
            default -> throw new CapVmException("class@" + classRef + " extends " + root
                    + ": only subclasses of Applet and Object can be interpreted");
        };
    }

    private Class<?> javaClassOf(int index, int classRef) {
        return (Class<?>) linked.computeIfAbsent(index, i -> api.javaClass(api.apiClass(classRef).name()));
    }

    /** checkcast / instanceof: atype 0 with a Classref, 10..12 primitive arrays, 14 reference arrays. */
    private boolean isInstance(Object value, int atype, int index) {
        return switch (atype) {
            case 0 -> {
                CpEntry entry = expect(index, CapPackage.CP_CLASS);
                int classRef = entry.classRef();
                if ((classRef & 0x8000) != 0) {
                    yield javaClassOf(index, classRef).isInstance(value);
                }
                if (!(value instanceof CapObject object)) {
                    yield false;
                }
                for (CapClass c = object.capClass(); ; c = cap.capClass(c.superRef)) {
                    if (c.offset == classRef) {
                        yield true;
                    }
                    if (!c.superIsInternal()) {
                        yield false;
                    }
                }
            }
            case 10 -> value instanceof boolean[];
            case 11 -> value instanceof byte[];
            case 12 -> value instanceof short[];
            case 14 -> value instanceof Object[];
            default -> throw new CapVmException("checkcast/instanceof of array type " + atype);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Calls

    private void invokeStatic(Frame f, int index) throws Throwable {
        CpEntry entry = expect(index, CapPackage.CP_STATIC_METHOD);
        if (!entry.external()) {
            callInternal(f, entry.offset(), nargsOf(entry.offset()));
            return;
        }
        ApiCall call = (ApiCall) linked.computeIfAbsent(index, i -> api.staticMethod(entry.b1() & 0x7F, entry.b2(), entry.b3()));
        callApi(f, call, call.words());
    }

    private void invokeSpecial(Frame f, int index) throws Throwable {
        CpEntry entry = cap.cp(index);
        if (entry.tag() == CapPackage.CP_SUPER_METHOD) {
            // super.m(): dispatch from the superclass of the class that holds the call
            CapClass holder = cap.capClass(entry.classRef());
            int token = entry.b3();
            int method = holder.superIsInternal() ? lookup(cap.capClass(holder.superRef), token) : -1;
            if (method >= 0) {
                callInternal(f, method, nargsOf(method));
            } else {
                ApiCall call = api.virtualMethod(externalSuper(holder), token);
                callApi(f, call, call.words());
            }
            return;
        }
        if (entry.tag() != CapPackage.CP_STATIC_METHOD) {
            throw new CapVmException("invokespecial of constant pool entry " + index + " with tag " + entry.tag());
        }
        if (!entry.external()) {
            callInternal(f, entry.offset(), nargsOf(entry.offset()));
            return;
        }
        ApiCall call = (ApiCall) linked.computeIfAbsent(index, i -> api.staticMethod(entry.b1() & 0x7F, entry.b2(), entry.b3()));
        if (!(call.member() instanceof Constructor<?> constructor)) {
            throw new CapVmException("invokespecial of the API method " + call.name() + ", not a constructor");
        }
        int words = call.parameters().length + 1;
        int base = f.take(words);
        Object target = f.a[base];
        if (target instanceof CapObject) {
            // Applet() or Object() as the super constructor of an interpreted object: the Java object already exists.
            dropArguments(f, base);
            return;
        }
        if (!(target instanceof Uninitialized uninitialized)) {
            throw new CapVmException("constructor " + constructor + " called on " + target);
        }
        if (!constructor.getDeclaringClass().equals(uninitialized.type())) {
            throw new CapVmException("constructor " + constructor + " called on a new " + uninitialized.type().getName());
        }
        Object[] arguments = javaArguments(f, call, base + 1);
        dropArguments(f, base);
        Object created;
        try {
            created = constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        // every copy of the new object (dup) now refers to the constructed one
        for (int i = 0; i < f.sp; i++) {
            if (f.a[i] == target) {
                f.a[i] = created;
            }
        }
        for (int i = 0; i < f.la.length; i++) {
            if (f.la[i] == target) {
                f.la[i] = created;
            }
        }
    }

    private void invokeVirtual(Frame f, int index) throws Throwable {
        CpEntry entry = expect(index, CapPackage.CP_VIRTUAL_METHOD);
        VirtualRef ref = (VirtualRef) linked.computeIfAbsent(index, i -> resolveVirtual(entry));
        int base = f.take(ref.words());
        Object target = nonNull(f.a[base]);
        if (target instanceof CapObject object) {
            int method = lookup(object.capClass(), ref.token());
            if (method >= 0) {
                callInternal(f, method, ref.words());
                return;
            }
            ApiCall call = ref.api() != null ? ref.api() : api.virtualMethod(externalSuper(object.capClass()), ref.token());
            callApi(f, call, call.words());
            return;
        }
        if (ref.api() == null) {
            throw new CapVmException("virtual method token " + ref.token() + " of a package class called on " + target.getClass().getName());
        }
        callApi(f, ref.api(), ref.words());
    }

    /** A VirtualMethodref on the class it names: its token, its argument words and, if the API defines it, the API method. */
    private VirtualRef resolveVirtual(CpEntry entry) {
        int token = entry.b3();
        int classRef = entry.classRef();
        if ((classRef & 0x8000) != 0) {
            ApiCall call = api.virtualMethod(api.apiClass(classRef), token);
            return new VirtualRef(token, call.words(), call);
        }
        CapClass type = cap.capClass(classRef);
        int method = lookup(type, token);
        if (method >= 0) {
            return new VirtualRef(token, nargsOf(method), null);
        }
        if ((token & 0x80) != 0) {
            throw new CapVmException("package method token " + (token & 0x7F) + " not in the tables of class@" + classRef);
        }
        ApiCall call = api.virtualMethod(externalSuper(type), token);
        return new VirtualRef(token, call.words(), call);
    }

    private void invokeInterface(Frame f, int nargs, int index, int token) throws Throwable {
        CpEntry entry = expect(index, CapPackage.CP_CLASS);
        int classRef = entry.classRef();
        if ((classRef & 0x8000) == 0) {
            throw new CapVmException("invokeinterface on an interface of the package, which the interpreter does not support");
        }
        ApiCall call = (ApiCall) linked.computeIfAbsent(-1 - (index << 8 | token), i -> api.virtualMethod(api.apiClass(classRef), token));
        if (call.words() != nargs) {
            throw new CapVmException("invokeinterface nargs " + nargs + " for " + call.name() + ", which takes " + call.words());
        }
        callApi(f, call, nargs);
    }

    private void callInternal(Frame f, int method, int words) {
        int base = f.take(words);
        Object result = run(method, f.s, f.a, base, words);
        dropArguments(f, base);
        push(f, result);
    }

    private static void push(Frame f, Object result) {
        if (result == VOID) {
            return;
        }
        if (result instanceof Short value) {
            f.pushS(value);
        } else {
            f.pushA(result);
        }
    }

    private static void dropArguments(Frame f, int base) {
        for (int i = base; i < f.sp; i++) {
            f.a[i] = null;
        }
        f.sp = base;
    }

    /** Calls an API method with the top {@code words} words: the object (unless static), then the parameters. */
    private void callApi(Frame f, ApiCall call, int words) throws Throwable {
        if (words != call.words()) {
            throw new CapVmException(call.name() + " takes " + call.words() + " words, the call passes " + words);
        }
        int base = f.take(words);
        Object target = null;
        int first = base;
        if (!call.isStatic()) {
            target = nonNull(f.a[base]);
            first++;
        }
        Object[] arguments = javaArguments(f, call, first);
        dropArguments(f, base);
        Object result;
        try {
            result = ((Method) call.member()).invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        switch (call.returnType()) {
            case 'V' -> {
            }
            case 'Z' -> f.pushS((Boolean) result ? 1 : 0);
            case 'B' -> f.pushS((Byte) result);
            case 'S' -> f.pushS((Short) result);
            case 'A' -> f.pushA(result);
            default -> throw new CapVmException(call.name() + " returns type " + call.returnType());
        }
    }

    private static Object[] javaArguments(Frame f, ApiCall call, int first) {
        char[] parameters = call.parameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            int word = first + i;
            arguments[i] = switch (parameters[i]) {
                case 'A' -> f.a[word] instanceof Uninitialized ? fail("an uninitialised object passed to " + call.name()) : f.a[word];
                case 'S' -> f.s[word];
                case 'B' -> (byte) f.s[word];
                case 'Z' -> f.s[word] != 0;
                default -> fail(call.name() + " takes a parameter of type " + parameters[i]);
            };
        }
        return arguments;
    }

    private static Object fail(String message) {
        throw new CapVmException(message);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
