package com.valuekiosk.card.capvm;

import com.valuekiosk.card.cap.CapFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a CAP file (format 2.1 or 2.2) that running it needs: imported package AIDs, the
 * constant pool, the classes with their virtual method tables, the Method component's bytes and
 * exception handlers, the static field image and the applets' install methods. Offsets are those of
 * the CAP: a class is known by its offset in the Class component, a method by its offset in the
 * Method component's info.
 */
final class CapPackage {

    static final int CP_CLASS = 1, CP_INSTANCE_FIELD = 2, CP_VIRTUAL_METHOD = 3, CP_SUPER_METHOD = 4, CP_STATIC_FIELD = 5,
            CP_STATIC_METHOD = 6;

    /** One imported package: its AID (the API package is found by it). */
    record Import(byte[] aid, int major, int minor) {
    }

    /** A constant pool entry: tag and its three bytes. */
    record CpEntry(int tag, int b1, int b2, int b3) {
        /** The class reference of a Classref, InstanceFieldref, VirtualMethodref or SuperMethodref. */
        int classRef() {
            return (b1 << 8) | b2;
        }

        boolean external() {
            return (b1 & 0x80) != 0;
        }

        /** Offset of an internal StaticMethodref or StaticFieldref. */
        int offset() {
            return (b2 << 8) | b3;
        }
    }

    /** A class of the package, from the Class component. */
    static final class CapClass {
        final int offset;
        final int superRef;
        final int declaredInstanceSize;
        final int publicBase;
        final int[] publicTable;
        final int packageBase;
        final int[] packageTable;
        /** Cells of the internal superclasses: where this class's own fields start in an object. */
        int fieldBase;
        /** Cells of an object of this class, its superclasses' fields included. */
        int instanceSize;

        CapClass(int offset, int superRef, int declaredInstanceSize, int publicBase, int[] publicTable, int packageBase,
                int[] packageTable) {
            this.offset = offset;
            this.superRef = superRef;
            this.declaredInstanceSize = declaredInstanceSize;
            this.publicBase = publicBase;
            this.publicTable = publicTable;
            this.packageBase = packageBase;
            this.packageTable = packageTable;
        }

        boolean superIsInternal() {
            return superRef != 0xFFFF && (superRef & 0x8000) == 0;
        }

        /**
         * The method this class's table gives a virtual method token (package tokens have the high
         * bit), or -1 when the class inherits it: the caller then asks the superclass.
         */
        int tableEntry(int token) {
            int[] table = (token & 0x80) != 0 ? packageTable : publicTable;
            int index = (token & 0x7F) - ((token & 0x80) != 0 ? packageBase : publicBase);
            if (index < 0 || index >= table.length || table[index] == 0xFFFF) {
                return -1;
            }
            return table[index];
        }
    }

    /** One entry of the Method component's exception handler table. */
    record Handler(int start, int end, int handler, int catchTypeIndex) {
    }

    final List<Import> imports = new ArrayList<>();
    final List<CpEntry> constantPool = new ArrayList<>();
    final Map<Integer, CapClass> classes = new LinkedHashMap<>();
    final List<Handler> handlers = new ArrayList<>();
    /** The Method component's info: method headers and bytecode, at the offsets the CAP uses. */
    final byte[] methods;
    /** Instance AID hex of each applet, to its install method's offset. */
    final Map<String, Integer> applets = new LinkedHashMap<>();
    final int staticImageSize;
    final int staticReferenceCount;
    /** Array initial values of the first static reference fields: type and bytes. */
    final List<int[]> staticArrayInits = new ArrayList<>();
    final List<byte[]> staticArrayValues = new ArrayList<>();
    final int staticDefaultValueCount;
    final byte[] staticNonDefaultValues;
    /** Distinct Java Card instructions of the Method component, by opcode: what a test run could cover. */
    final Map<Integer, Integer> opcodesInCode = new HashMap<>();

    private final int formatMinor;

    CapPackage(CapFile cap) {
        formatMinor = cap.formatMinor();
        In in = new In(info(cap, CapFile.IMPORT));
        int importCount = in.u1();
        for (int i = 0; i < importCount; i++) {
            int minor = in.u1();
            int major = in.u1();
            imports.add(new Import(in.take(in.u1()), major, minor));
        }

        in = new In(info(cap, CapFile.CONSTANT_POOL));
        int cpCount = in.u2();
        for (int i = 0; i < cpCount; i++) {
            constantPool.add(new CpEntry(in.u1(), in.u1(), in.u1(), in.u1()));
        }

        readClasses(info(cap, CapFile.CLASS));

        methods = info(cap, CapFile.METHOD);
        in = new In(methods);
        int handlerCount = in.u1();
        for (int i = 0; i < handlerCount; i++) {
            int start = in.u2();
            int length = in.u2() & 0x7FFF;
            handlers.add(new Handler(start, start + length, in.u2(), in.u2()));
        }

        byte[] appletInfo = cap.component(CapFile.APPLET) == null ? null : info(cap, CapFile.APPLET);
        if (appletInfo != null) {
            in = new In(appletInfo);
            int count = in.u1();
            for (int i = 0; i < count; i++) {
                byte[] aid = in.take(in.u1());
                applets.put(hex(aid), in.u2());
            }
        }

        byte[] staticInfo = cap.component(CapFile.STATIC_FIELD) == null ? new byte[10] : info(cap, CapFile.STATIC_FIELD);
        in = new In(staticInfo);
        staticImageSize = in.u2();
        staticReferenceCount = in.u2();
        int arrays = in.u2();
        for (int i = 0; i < arrays; i++) {
            int type = in.u1();
            int count = in.u2();
            staticArrayInits.add(new int[] {type, count});
            staticArrayValues.add(in.take(count));
        }
        staticDefaultValueCount = in.u2();
        staticNonDefaultValues = in.take(in.u2());

        readDescriptorMethods(info(cap, CapFile.DESCRIPTOR));
    }

    private void readClasses(byte[] info) {
        In in = new In(info);
        if (formatMinor >= 2) {
            in.take(in.u2()); // signature pool
        }
        while (in.more()) {
            int offset = in.at;
            int bitfield = in.u1();
            int flags = bitfield >> 4;
            int interfaceCount = bitfield & 0xF;
            if ((flags & 0x8) != 0) { // an interface: superinterfaces only
                in.take(2 * interfaceCount);
                continue;
            }
            int superRef = in.u2();
            int declaredSize = in.u1();
            in.u1(); // first_reference_token
            in.u1(); // reference_count
            int publicBase = in.u1();
            int publicCount = in.u1();
            int packageBase = in.u1();
            int packageCount = in.u1();
            int[] publicTable = new int[publicCount];
            for (int i = 0; i < publicCount; i++) {
                publicTable[i] = in.u2();
            }
            int[] packageTable = new int[packageCount];
            for (int i = 0; i < packageCount; i++) {
                packageTable[i] = in.u2();
            }
            for (int i = 0; i < interfaceCount; i++) {
                in.u2();
                in.take(in.u1());
            }
            if (formatMinor >= 2 && (flags & 0x4) != 0) { // ACC_REMOTE: remote_interface_info, not for applets
                throw new CapVmException("class@" + offset + " is a remote class, which the interpreter does not run");
            }
            classes.put(offset, new CapClass(offset, superRef, declaredSize, publicBase, publicTable, packageBase, packageTable));
        }
        for (CapClass type : classes.values()) {
            int base = 0;
            for (CapClass up = type; up.superIsInternal(); ) {
                up = classes.get(up.superRef);
                if (up == null) {
                    throw new CapVmException("class@" + type.offset + " has a superclass that is not in the Class component");
                }
                base += up.declaredInstanceSize;
            }
            type.fieldBase = base;
            type.instanceSize = base + type.declaredInstanceSize;
        }
    }

    /** Offsets in the Method component's info of every instruction of the code, in method order. */
    final List<Integer> instructionOffsets = new ArrayList<>();

    /** Walks the Descriptor's methods to list the instructions the code holds (for coverage and tests). */
    private void readDescriptorMethods(byte[] info) {
        In in = new In(info);
        int classCount = in.u1();
        for (int c = 0; c < classCount; c++) {
            in.take(4);
            int interfaces = in.u1();
            int fields = in.u2();
            int methodCount = in.u2();
            in.take(2 * interfaces + 7 * fields);
            for (int m = 0; m < methodCount; m++) {
                in.u1();
                int flags = in.u1();
                int offset = in.u2();
                in.u2();
                int length = in.u2();
                in.take(4);
                if (offset == 0 || (flags & 0x40) != 0) {
                    continue;
                }
                int at = offset + ((methods[offset] & 0x80) != 0 ? 4 : 2);
                for (int end = at + length; at < end; at += com.valuekiosk.card.cap.JcOpcodes.length(methods, at)) {
                    opcodesInCode.merge(methods[at] & 0xFF, 1, Integer::sum);
                    instructionOffsets.add(at);
                }
            }
        }
    }

    CapClass capClass(int offset) {
        CapClass type = classes.get(offset);
        if (type == null) {
            throw new CapVmException("no class at offset " + offset + " of the Class component");
        }
        return type;
    }

    CpEntry cp(int index) {
        if (index < 0 || index >= constantPool.size()) {
            throw new CapVmException("constant pool index " + index + " out of range");
        }
        return constantPool.get(index);
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }

    private static byte[] info(CapFile cap, int tag) {
        byte[] component = cap.component(tag);
        if (component == null) {
            throw new CapVmException("the CAP file has no " + CapFile.componentName(tag) + " component");
        }
        return Arrays.copyOfRange(component, 3, component.length);
    }

    /** Big-endian reader over one component's info. */
    private static final class In {
        final byte[] bytes;
        int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int u1() {
            return bytes[at++] & 0xFF;
        }

        int u2() {
            int value = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
            at += 2;
            return value;
        }

        byte[] take(int length) {
            byte[] taken = Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return taken;
        }

        boolean more() {
            return at < bytes.length;
        }
    }
}
