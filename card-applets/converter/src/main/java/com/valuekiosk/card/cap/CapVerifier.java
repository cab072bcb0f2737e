package com.valuekiosk.card.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Structural checks of a CAP file that can be made off-card, each rule named in its messages
 * ({@code [RULE] where: what}). First rules: which components are there and how big they say they
 * are, the header, constant pool indices and the kind of entry each instruction needs, branch
 * targets, exception handler ranges, the applets' install methods, the reference locations, the
 * Class component's supers and method tables, the Descriptor's classes and the static field sizes.
 * Type-checking the bytecode (what a card's verifier does) is not one of them yet.
 */
public final class CapVerifier {

    public enum Rule { COMPONENTS, COMPONENT_SIZE, DIRECTORY, HEADER, CONSTANT_POOL, CONSTANT_POOL_INDEX, INSTRUCTION, BRANCH_TARGET,
        HANDLER, APPLET, REFERENCE_LOCATION, CLASS, DESCRIPTOR, STATIC_FIELD, STACK }

    private static final int[] REQUIRED = {CapFile.HEADER, CapFile.DIRECTORY, CapFile.IMPORT, CapFile.CONSTANT_POOL, CapFile.CLASS,
        CapFile.METHOD, CapFile.STATIC_FIELD, CapFile.REFERENCE_LOCATION, CapFile.DESCRIPTOR};

    private final CapFile cap;
    private final ApiTokens api = ApiTokens.javaCard304();
    private final List<String> problems = new ArrayList<>();
    private final List<Integer> cpTags = new ArrayList<>();
    /** Method offset -> bytecode length, from the Descriptor component. */
    private final Map<Integer, Integer> methods = new TreeMap<>();
    /** Offset (in the Method component's info) of every instruction -> its method's offset. */
    private final Map<Integer, Integer> instructions = new TreeMap<>();
    private final TreeSet<Integer> byteIndexOperands = new TreeSet<>();
    private final TreeSet<Integer> shortIndexOperands = new TreeSet<>();
    private final TreeSet<Integer> classOffsets = new TreeSet<>();
    /** Method offset -> {exception_handler_index, exception_handler_count}, from the Descriptor component. */
    private final Map<Integer, int[]> handlerRanges = new TreeMap<>();

    private CapVerifier(CapFile cap) {
        this.cap = cap;
    }

    /** The problems found; empty when every rule holds. */
    public static List<String> verify(CapFile cap) {
        return new CapVerifier(cap).run();
    }

    private void report(Rule rule, String where, String what) {
        problems.add("[" + rule + "] " + where + ": " + what);
    }

    private static int u1(byte[] bytes, int at) {
        return bytes[at] & 0xFF;
    }

    private static int u2(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private byte[] info(int tag) {
        byte[] component = cap.component(tag);
        return component == null ? null : java.util.Arrays.copyOfRange(component, 3, component.length);
    }

    private List<String> run() {
        components();
        if (!problems.isEmpty()) {
            return problems; // the rest reads the components by their sizes
        }
        header();
        directory();
        try {
            descriptorMethods();
            classes();
            constantPool();
            methodComponent();
            applets();
            referenceLocations();
            classTables();
            descriptorClasses();
            staticField();
            if (problems.isEmpty()) {
                stacks(); // needs whole instructions, valid indices and branch targets
            }
        } catch (IndexOutOfBoundsException e) {
            report(Rule.COMPONENT_SIZE, "CAP", "a structure runs past the end of its component (" + e.getMessage() + ")");
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------------

    private void components() {
        for (int tag : REQUIRED) {
            if (cap.component(tag) == null) {
                report(Rule.COMPONENTS, CapFile.componentName(tag), "component missing");
            }
        }
        for (Map.Entry<Integer, byte[]> component : cap.components().entrySet()) {
            byte[] bytes = component.getValue();
            String name = CapFile.componentName(component.getKey());
            if (bytes.length < 3) {
                report(Rule.COMPONENT_SIZE, name, "shorter than its tag and size");
            } else if (u2(bytes, 1) != bytes.length - 3) {
                report(Rule.COMPONENT_SIZE, name, "size item says " + u2(bytes, 1) + ", the component has " + (bytes.length - 3) + " bytes");
            }
        }
    }

    private void header() {
        byte[] header = info(CapFile.HEADER);
        if (u2(header, 0) != 0xDECA || u2(header, 2) != 0xFFED) {
            report(Rule.HEADER, "Header", String.format("magic 0x%04X%04X, not 0xDECAFFED", u2(header, 0), u2(header, 2)));
        }
        if (u1(header, 5) != 2 || u1(header, 4) > 2) {
            report(Rule.HEADER, "Header", "CAP format " + u1(header, 5) + "." + u1(header, 4) + ", not 2.1");
        }
        int aidLength = u1(header, 9);
        if (aidLength < 5 || aidLength > 16) {
            report(Rule.HEADER, "Header", "package AID of " + aidLength + " bytes, not 5..16");
        }
        boolean applet = (u1(header, 6) & 0x04) != 0;
        if (applet != (cap.component(CapFile.APPLET) != null)) {
            report(Rule.COMPONENTS, "Applet", applet ? "ACC_APPLET set but no Applet component" : "Applet component without ACC_APPLET");
        }
    }

    private void directory() {
        byte[] directory = info(CapFile.DIRECTORY);
        int sizes = cap.directorySizeCount();
        for (int tag = 1; tag <= sizes; tag++) {
            int listed = u2(directory, 2 * (tag - 1));
            byte[] component = cap.component(tag);
            int actual = component == null ? 0 : component.length - 3;
            if (listed != actual) {
                report(Rule.DIRECTORY, CapFile.componentName(tag), "Directory lists " + listed + " bytes, the component has " + actual);
            }
        }
        byte[] imports = info(CapFile.IMPORT);
        int importCount = u1(directory, 2 * sizes + 6);
        if (importCount != u1(imports, 0)) {
            report(Rule.DIRECTORY, "Import", "Directory lists " + importCount + " imports, the Import component has " + u1(imports, 0));
        }
    }

    private void descriptorMethods() {
        byte[] descriptor = info(CapFile.DESCRIPTOR);
        int at = 0;
        int classCount = u1(descriptor, at++);
        for (int c = 0; c < classCount; c++) {
            at += 4;
            int interfaces = u1(descriptor, at++);
            int fields = u2(descriptor, at);
            int methodCount = u2(descriptor, at + 2);
            at += 4 + 2 * interfaces + 7 * fields;
            for (int m = 0; m < methodCount; m++) {
                int flags = u1(descriptor, at + 1);
                int offset = u2(descriptor, at + 2);
                int bytecodes = u2(descriptor, at + 6);
                if (offset != 0 || (flags & 0x40) == 0) {
                    methods.put(offset, bytecodes); // abstract methods of classes have a header in the Method component
                    handlerRanges.put(offset, new int[] {u2(descriptor, at + 10), u2(descriptor, at + 8)});
                }
                at += 12;
            }
        }
    }

    private void classes() {
        byte[] classes = info(CapFile.CLASS);
        int at = cap.formatMinor() >= 2 ? 2 + u2(classes, 0) : 0; // the signature pool came with format 2.2
        while (at < classes.length) {
            classOffsets.add(at);
            int bitfield = u1(classes, at);
            int interfaces = bitfield & 0xF;
            if ((bitfield & 0x80) != 0) {
                at += 1 + 2 * interfaces;
                continue;
            }
            int publicCount = u1(classes, at + 7);
            int packageCount = u1(classes, at + 9);
            at += 10 + 2 * publicCount + 2 * packageCount;
            for (int i = 0; i < interfaces; i++) {
                at += 3 + u1(classes, at + 2);
            }
        }
    }

    private void constantPool() {
        byte[] pool = info(CapFile.CONSTANT_POOL);
        int count = u2(pool, 0);
        if (pool.length != 2 + 4 * count) {
            report(Rule.CONSTANT_POOL, "ConstantPool", count + " entries need " + (2 + 4 * count) + " bytes, the component has " + pool.length);
            return;
        }
        int imports = u1(info(CapFile.IMPORT), 0);
        for (int i = 0; i < count; i++) {
            int at = 2 + 4 * i;
            int tag = u1(pool, at);
            cpTags.add(tag);
            String where = "ConstantPool #" + i;
            if (tag < 1 || tag > 6) {
                report(Rule.CONSTANT_POOL, where, "tag " + tag + " is not a constant pool tag");
                continue;
            }
            boolean external = (u1(pool, at + 1) & 0x80) != 0;
            if (external) {
                int packageToken = u1(pool, at + 1) & 0x7F;
                if (packageToken >= imports) {
                    report(Rule.CONSTANT_POOL, where, "package token " + packageToken + " but " + imports + " imports");
                }
            } else if (tag == 5 || tag == 6) {
                int offset = u2(pool, at + 2);
                if (tag == 6 && !methods.containsKey(offset)) {
                    report(Rule.CONSTANT_POOL, where, String.format("static method offset 0x%04X is no method in the Method component", offset));
                }
            } else {
                int offset = u2(pool, at + 1);
                if (!classOffsets.contains(offset)) {
                    report(Rule.CONSTANT_POOL, where, String.format("class offset 0x%04X is no class in the Class component", offset));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void methodComponent() {
        byte[] code = info(CapFile.METHOD);
        Map<Integer, Integer> starts = new TreeMap<>();
        for (Map.Entry<Integer, Integer> method : methods.entrySet()) {
            int offset = method.getKey();
            boolean extended = (u1(code, offset) & 0x80) != 0;
            int start = offset + (extended ? 4 : 2);
            int end = start + method.getValue();
            starts.put(offset, start);
            String where = String.format("method@0x%04X", offset);
            if (end > code.length) {
                report(Rule.INSTRUCTION, where, "bytecode runs past the end of the Method component");
                continue;
            }
            List<int[]> branches = new ArrayList<>();
            int at = start;
            while (at < end) {
                int opcode = u1(code, at);
                if (JcOpcodes.name(opcode) == null) {
                    report(Rule.INSTRUCTION, where, String.format("undefined opcode 0x%02X at 0x%04X", opcode, at));
                    break;
                }
                instructions.put(at, offset);
                instruction(code, at, where, branches);
                at += JcOpcodes.length(code, at);
            }
            if (at != end) {
                report(Rule.INSTRUCTION, where, String.format("last instruction ends at 0x%04X, the method at 0x%04X", at, end));
            }
            for (int[] branch : branches) {
                int target = branch[1];
                if (target < start || target >= end || !instructions.containsKey(target)) {
                    report(Rule.BRANCH_TARGET, where, String.format("branch at 0x%04X to 0x%04X, %s", branch[0], target,
                            target < start || target >= end ? "outside the method" : "not the start of an instruction"));
                }
            }
        }
        int handlers = u1(code, 0);
        for (int i = 0; i < handlers; i++) {
            int at = 1 + 8 * i;
            if (i > 0 && u2(code, at + 4) < u2(code, at - 8 + 4)) {
                report(Rule.HANDLER, "handler " + i, String.format("handler at 0x%04X comes after one at 0x%04X: the table must be in"
                        + " ascending handler offsets, as the VM takes the first match", u2(code, at + 4), u2(code, at - 8 + 4)));
            }
            int start = u2(code, at);
            int length = u2(code, at + 2) & 0x7FFF;
            int handler = u2(code, at + 4);
            int catchType = u2(code, at + 6);
            String where = "handler " + i;
            Integer method = instructions.get(start);
            if (method == null) {
                report(Rule.HANDLER, where, String.format("try block starts at 0x%04X, not at an instruction", start));
                continue;
            }
            int methodEnd = starts.get(method) + methods.get(method);
            if (length == 0 || start + length > methodEnd || (start + length < methodEnd && !instructions.containsKey(start + length))) {
                report(Rule.HANDLER, where, String.format("try block 0x%04X..0x%04X does not end at an instruction of its method", start, start + length));
            }
            int[] range = handlerRanges.get(method);
            if (range != null && (i < range[0] || i >= range[0] + range[1])) {
                report(Rule.HANDLER, where, String.format("belongs to method@0x%04X, whose Descriptor lists handlers %d..%d",
                        method, range[0], range[0] + range[1] - 1));
            }
            if (!method.equals(instructions.get(handler))) {
                report(Rule.HANDLER, where, String.format("handler at 0x%04X is not an instruction of the method of its try block", handler));
            }
            if (catchType != 0) {
                shortIndexOperands.add(at + 6);
            }
            if (catchType != 0 && (catchType >= cpTags.size() || cpTags.get(catchType) != 1)) {
                report(Rule.HANDLER, where, "catch type #" + catchType + " is not a Classref");
            }
        }
    }

    /** Checks the operands of one instruction; records branch targets and constant pool operand positions. */
    private void instruction(byte[] code, int at, String where, List<int[]> branches) {
        int opcode = u1(code, at);
        String name = JcOpcodes.name(opcode);
        switch (JcOpcodes.format(opcode)) {
            case BRANCH_BYTE -> branches.add(new int[] {at, at + (byte) code[at + 1]});
            case BRANCH_SHORT -> branches.add(new int[] {at, at + (short) u2(code, at + 1)});
            case TABLESWITCH -> {
                branches.add(new int[] {at, at + (short) u2(code, at + 1)});
                int cases = (short) u2(code, at + 5) - (short) u2(code, at + 3) + 1;
                for (int i = 0; i < cases; i++) {
                    branches.add(new int[] {at, at + (short) u2(code, at + 7 + 2 * i)});
                }
            }
            case LOOKUPSWITCH -> {
                branches.add(new int[] {at, at + (short) u2(code, at + 1)});
                int pairs = u2(code, at + 3);
                for (int i = 0; i < pairs; i++) {
                    branches.add(new int[] {at, at + (short) u2(code, at + 7 + 4 * i)});
                }
            }
            case CP_BYTE -> {
                byteIndexOperands.add(at + 1);
                checkIndex(where, at, name, u1(code, at + 1));
            }
            case CP_SHORT -> {
                shortIndexOperands.add(at + 1);
                checkIndex(where, at, name, u2(code, at + 1));
            }
            case INTERFACE -> {
                shortIndexOperands.add(at + 2);
                checkIndex(where, at, name, u2(code, at + 2));
            }
            case ATYPE_CP -> {
                int atype = u1(code, at + 1);
                if (atype == 0 || atype == JcOpcodes.T_REFERENCE) {
                    shortIndexOperands.add(at + 2);
                    checkIndex(where, at, name, u2(code, at + 2));
                }
            }
            default -> {
            }
        }
    }

    /** The entry exists and is of the kind the instruction needs. */
    private void checkIndex(String where, int at, String name, int index) {
        if (index >= cpTags.size()) {
            report(Rule.CONSTANT_POOL_INDEX, where, String.format("%s at 0x%04X: index %d beyond the constant pool (%d entries)",
                    name, at, index, cpTags.size()));
            return;
        }
        int tag = cpTags.get(index);
        int expected;
        if (name.startsWith("getfield") || name.startsWith("putfield")) {
            expected = 2;
        } else if (name.equals("invokevirtual")) {
            expected = 3;
        } else if (name.startsWith("getstatic") || name.startsWith("putstatic")) {
            expected = 5;
        } else if (name.equals("invokestatic")) {
            expected = 6;
        } else if (name.equals("invokespecial")) {
            expected = tag == 4 ? 4 : 6;
        } else {
            expected = 1; // new, anewarray, checkcast, instanceof, invokeinterface
        }
        if (tag != expected) {
            report(Rule.CONSTANT_POOL_INDEX, where, String.format("%s at 0x%04X: #%d is a constant pool entry of tag %d, not %d",
                    name, at, index, tag, expected));
        }
    }

    private void applets() {
        byte[] applets = info(CapFile.APPLET);
        if (applets == null) {
            return;
        }
        byte[] header = info(CapFile.HEADER);
        byte[] rid = java.util.Arrays.copyOfRange(header, 10, 15);
        int at = 1;
        for (int i = 0; i < u1(applets, 0); i++) {
            int aidLength = u1(applets, at);
            if (aidLength < 5 || aidLength > 16) {
                report(Rule.APPLET, "applet " + (i + 1), "AID of " + aidLength + " bytes, not 5..16");
            } else if (!java.util.Arrays.equals(rid, java.util.Arrays.copyOfRange(applets, at + 1, at + 6))) {
                report(Rule.APPLET, "applet " + (i + 1), "AID " + Hex.encode(applets, at + 1, aidLength)
                        + " does not start with the package's RID " + Hex.encode(rid));
            }
            int install = u2(applets, at + 1 + aidLength);
            if (!methods.containsKey(install)) {
                report(Rule.APPLET, "applet " + (i + 1), String.format("install method offset 0x%04X is no method", install));
            }
            at += 3 + aidLength;
        }
    }

    private void referenceLocations() {
        byte[] refs = info(CapFile.REFERENCE_LOCATION);
        int byteCount = u2(refs, 0);
        compare("one-byte", locations(refs, 2, byteCount), byteIndexOperands);
        int shortCount = u2(refs, 2 + byteCount);
        compare("two-byte", locations(refs, 4 + byteCount, shortCount), shortIndexOperands);
    }

    private static TreeSet<Integer> locations(byte[] refs, int at, int count) {
        TreeSet<Integer> locations = new TreeSet<>();
        int location = 0;
        for (int i = 0; i < count; i++) {
            int delta = u1(refs, at + i);
            location += delta;
            if (delta != 255) {
                locations.add(location);
            }
        }
        return locations;
    }

    private void compare(String kind, TreeSet<Integer> listed, TreeSet<Integer> operands) {
        for (int location : listed) {
            if (!operands.contains(location)) {
                report(Rule.REFERENCE_LOCATION, "RefLocation", String.format("%s location 0x%04X is no constant pool index operand", kind, location));
            }
        }
        for (int operand : operands) {
            if (!listed.contains(operand)) {
                report(Rule.REFERENCE_LOCATION, "RefLocation", String.format("%s constant pool index at 0x%04X is not listed", kind, operand));
            }
        }
    }

    /** Superclasses are classes of this package (earlier in the component) or imported; tables point at methods. */
    private void classTables() {
        byte[] classes = info(CapFile.CLASS);
        int imports = u1(info(CapFile.IMPORT), 0);
        for (int at : classOffsets) {
            int bitfield = u1(classes, at);
            if ((bitfield & 0x80) != 0) {
                continue;
            }
            String where = String.format("class@0x%04X", at);
            int superRef = u2(classes, at + 1);
            if ((superRef & 0x8000) != 0) {
                if (((superRef >> 8) & 0x7F) >= imports) {
                    report(Rule.CLASS, where, "super class in package token " + ((superRef >> 8) & 0x7F) + " but " + imports + " imports");
                }
            } else if (superRef != 0xFFFF && (!classOffsets.contains(superRef) || superRef >= at)) {
                report(Rule.CLASS, where, String.format("super class 0x%04X is no earlier class of this package", superRef));
            }
            int publicBase = u1(classes, at + 6);
            int publicCount = u1(classes, at + 7);
            int packageBase = u1(classes, at + 8);
            int packageCount = u1(classes, at + 9);
            for (int i = 0; i < publicCount + packageCount; i++) {
                int method = u2(classes, at + 10 + 2 * i);
                boolean packageTable = i >= publicCount;
                if (!methods.containsKey(method) && (packageTable || method != 0xFFFF)) {
                    report(Rule.CLASS, where, String.format("%s method token %d: 0x%04X is no method", packageTable ? "package" : "public",
                            packageTable ? packageBase + i - publicCount : publicBase + i, method));
                }
            }
        }
    }

    /**
     * Each class described is a class of the Class component, with as many instance field cells as
     * it declares there, and each virtual method it describes is the entry of its token in that
     * class's method table; the types table covers the constant pool.
     */
    private void descriptorClasses() {
        byte[] descriptor = info(CapFile.DESCRIPTOR);
        byte[] classes = info(CapFile.CLASS);
        int at = 0;
        int classCount = u1(descriptor, at++);
        for (int c = 0; c < classCount; c++) {
            int thisClass = u2(descriptor, at + 2);
            int interfaces = u1(descriptor, at + 4);
            int fields = u2(descriptor, at + 5);
            int methodCount = u2(descriptor, at + 7);
            String where = String.format("class %d (class@0x%04X)", c, thisClass);
            if (!classOffsets.contains(thisClass)) {
                report(Rule.DESCRIPTOR, "class " + c, String.format("this_class_ref 0x%04X is no class of the Class component", thisClass));
            } else if ((u1(classes, thisClass) & 0x80) == 0) {
                int fieldsAt = at + 9 + 2 * interfaces;
                int cells = 0;
                for (int f = 0; f < fields; f++) {
                    int flags = u1(descriptor, fieldsAt + 7 * f + 1);
                    int type = u2(descriptor, fieldsAt + 7 * f + 5);
                    if ((flags & 0x08) == 0) {
                        cells += type == 0x8005 ? 2 : 1;
                    }
                }
                if (cells != u1(classes, thisClass + 3)) {
                    report(Rule.DESCRIPTOR, where, "instance fields of " + cells + " cells, the Class component declares "
                            + u1(classes, thisClass + 3));
                }
                int methodsAt = fieldsAt + 7 * fields;
                for (int m = 0; m < methodCount; m++) {
                    int token = u1(descriptor, methodsAt + 12 * m);
                    int flags = u1(descriptor, methodsAt + 12 * m + 1);
                    int offset = u2(descriptor, methodsAt + 12 * m + 2);
                    boolean virtual = (flags & (0x08 | 0x80 | 0x02)) == 0;
                    if (!virtual) {
                        continue;
                    }
                    boolean packageToken = (token & 0x80) != 0;
                    int base = u1(classes, thisClass + (packageToken ? 8 : 6));
                    int count = u1(classes, thisClass + (packageToken ? 9 : 7));
                    int index = (token & 0x7F) - base;
                    int tableAt = thisClass + 10 + 2 * (packageToken ? u1(classes, thisClass + 7) : 0) + 2 * index;
                    if (index < 0 || index >= count) {
                        report(Rule.DESCRIPTOR, where, String.format("%s method token %d is outside its method table (base %d, count %d)",
                                packageToken ? "package" : "public", token & 0x7F, base, count));
                    } else if (u2(classes, tableAt) != offset && methods.containsKey(u2(classes, tableAt))) {
                        // (an entry that is no method at all is the CLASS rule's)
                        report(Rule.DESCRIPTOR, where, String.format("%s method token %d is method@0x%04X, the method table says 0x%04X",
                                packageToken ? "package" : "public", token & 0x7F, offset, u2(classes, tableAt)));
                    }
                }
            }
            at += 9 + 2 * interfaces + 7 * fields + 12 * methodCount;
        }
        int cpCount = u2(descriptor, at);
        if (cpCount != cpTags.size()) {
            report(Rule.DESCRIPTOR, "types", "constant_pool_count " + cpCount + ", the constant pool has " + cpTags.size() + " entries");
        }
    }

    /** image_size is the sum of its segments, and the Directory says the same. */
    private void staticField() {
        byte[] fields = info(CapFile.STATIC_FIELD);
        int imageSize = u2(fields, 0);
        int references = u2(fields, 2);
        int arrays = u2(fields, 4);
        int at = 6;
        int arrayBytes = 0;
        for (int i = 0; i < arrays; i++) {
            int count = u2(fields, at + 1);
            arrayBytes += count;
            at += 3 + count;
        }
        int defaults = u2(fields, at);
        int nonDefaults = u2(fields, at + 2);
        if (imageSize != 2 * references + defaults + nonDefaults) {
            report(Rule.STATIC_FIELD, "StaticField", "image_size " + imageSize + ", the segments hold "
                    + (2 * references + defaults + nonDefaults) + " bytes");
        }
        byte[] directory = info(CapFile.DIRECTORY);
        int sizes = 2 * cap.directorySizeCount();
        if (u2(directory, sizes) != imageSize || u2(directory, sizes + 2) != arrays || u2(directory, sizes + 4) != arrayBytes) {
            report(Rule.STATIC_FIELD, "Directory", String.format("static field sizes %d/%d/%d, the StaticField component says %d/%d/%d",
                    u2(directory, sizes), u2(directory, sizes + 2), u2(directory, sizes + 4), imageSize, arrays, arrayBytes));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // STACK: the operand stack depth of every instruction, by data flow over the Java Card bytecode

    /** Per method reference of the constant pool: {argument words, result words}, from the Descriptor's types. */
    private Map<Integer, int[]> methodTypes() {
        byte[] descriptor = info(CapFile.DESCRIPTOR);
        int at = 0;
        int classCount = u1(descriptor, at++);
        for (int c = 0; c < classCount; c++) {
            at += 9 + 2 * u1(descriptor, at + 4) + 7 * u2(descriptor, at + 5) + 12 * u2(descriptor, at + 7);
        }
        int typesStart = at;
        int cpCount = u2(descriptor, at);
        Map<Integer, int[]> types = new TreeMap<>();
        for (int i = 0; i < cpCount; i++) {
            int offset = u2(descriptor, at + 2 + 2 * i);
            if (offset == 0xFFFF) {
                continue;
            }
            int nibbleCount = u1(descriptor, typesStart + offset);
            int words = 0;
            int last = 0;
            for (int n = 0; n < nibbleCount; n++) {
                int b = u1(descriptor, typesStart + offset + 1 + n / 2);
                int nibble = n % 2 == 0 ? b >> 4 : b & 0xF;
                last = nibble;
                words += nibble == 0x5 ? 2 : nibble == 0x1 ? 0 : 1;
                if (nibble == 0x6 || nibble == 0xE) {
                    n += 4; // the class reference
                }
            }
            int result = last == 0x1 ? 0 : last == 0x5 ? 2 : 1;
            types.put(i, new int[] {words - result, result});
        }
        return types;
    }

    private void stacks() {
        byte[] code = info(CapFile.METHOD);
        byte[] pool = info(CapFile.CONSTANT_POOL);
        Map<Integer, int[]> types = methodTypes();
        Map<Integer, List<Integer>> handlersByMethod = new TreeMap<>();
        for (int i = 0; i < u1(code, 0); i++) {
            int handler = u2(code, 1 + 8 * i + 4);
            handlersByMethod.computeIfAbsent(instructions.get(handler), k -> new ArrayList<>()).add(handler);
        }
        for (Map.Entry<Integer, Integer> method : methods.entrySet()) {
            int offset = method.getKey();
            if (method.getValue() == 0) {
                continue; // abstract
            }
            boolean extended = (u1(code, offset) & 0x80) != 0;
            int maxStack = extended ? u1(code, offset + 1) : u1(code, offset) & 0xF;
            int nargs = extended ? u1(code, offset + 2) : u1(code, offset + 1) >> 4;
            int maxLocals = extended ? u1(code, offset + 3) : u1(code, offset + 1) & 0xF;
            int start = offset + (extended ? 4 : 2);
            int end = start + method.getValue();
            String where = String.format("method@0x%04X", offset);
            Map<Integer, Integer> depths = new TreeMap<>();
            List<Integer> pending = new ArrayList<>();
            depths.put(start, 0);
            pending.add(start);
            for (int handler : handlersByMethod.getOrDefault(offset, List.of())) {
                depths.put(handler, 1);
                pending.add(handler);
            }
            int deepest = 0;
            while (!pending.isEmpty()) {
                int at = pending.remove(pending.size() - 1);
                int depth = depths.get(at);
                int[] effect = stackEffect(code, pool, types, at);
                int localIndex = localIndex(code, at);
                if (localIndex >= nargs + maxLocals) {
                    report(Rule.STACK, where, String.format("local %d at 0x%04X, only %d arguments and locals", localIndex, at, nargs + maxLocals));
                    return;
                }
                if (depth < effect[0]) {
                    report(Rule.STACK, where, String.format("%s at 0x%04X takes %d words, the stack holds %d",
                            JcOpcodes.name(u1(code, at)), at, effect[0], depth));
                    return;
                }
                int after = depth - effect[0] + effect[1];
                deepest = Math.max(deepest, Math.max(depth, after));
                for (int next : successors(code, at, end)) {
                    Integer known = depths.putIfAbsent(next, after);
                    if (known == null) {
                        pending.add(next);
                    } else if (known != after) {
                        report(Rule.STACK, where, String.format("0x%04X is reached with %d and with %d words on the stack", next, known, after));
                        return;
                    }
                }
            }
            if (deepest > maxStack) {
                report(Rule.STACK, where, "the stack reaches " + deepest + " words, max_stack is " + maxStack);
            }
        }
    }

    /** The local variable an instruction uses, or -1. */
    private static int localIndex(byte[] code, int at) {
        int opcode = u1(code, at);
        String name = JcOpcodes.name(opcode);
        JcOpcodes.Format format = JcOpcodes.format(opcode);
        if (format == JcOpcodes.Format.LOCAL || format == JcOpcodes.Format.LOCAL_BYTE || format == JcOpcodes.Format.LOCAL_SHORT) {
            return u1(code, at + 1);
        }
        if (name.matches("[as](load|store)_[0-3]")) {
            return name.charAt(name.length() - 1) - '0';
        }
        return -1;
    }

    /** Instructions that may run next. */
    private static List<Integer> successors(byte[] code, int at, int end) {
        int opcode = u1(code, at);
        String name = JcOpcodes.name(opcode);
        List<Integer> next = new ArrayList<>();
        switch (JcOpcodes.format(opcode)) {
            case BRANCH_BYTE -> next.add(at + (byte) code[at + 1]);
            case BRANCH_SHORT -> next.add(at + (short) u2(code, at + 1));
            case TABLESWITCH -> {
                next.add(at + (short) u2(code, at + 1));
                int cases = (short) u2(code, at + 5) - (short) u2(code, at + 3) + 1;
                for (int i = 0; i < cases; i++) {
                    next.add(at + (short) u2(code, at + 7 + 2 * i));
                }
                return next;
            }
            case LOOKUPSWITCH -> {
                next.add(at + (short) u2(code, at + 1));
                for (int i = 0; i < u2(code, at + 3); i++) {
                    next.add(at + (short) u2(code, at + 7 + 4 * i));
                }
                return next;
            }
            default -> {
            }
        }
        boolean falls = !(name.startsWith("goto") || name.endsWith("return") || name.equals("athrow"));
        if (falls && at + JcOpcodes.length(code, at) < end) {
            next.add(at + JcOpcodes.length(code, at));
        }
        return next;
    }

    /** {words taken, words pushed} of one instruction. */
    private int[] stackEffect(byte[] code, byte[] pool, Map<Integer, int[]> types, int at) {
        int opcode = u1(code, at);
        String name = JcOpcodes.name(opcode);
        if (name.equals("dup_x")) {
            int m = u1(code, at + 1) >> 4;
            int n = u1(code, at + 1) & 0xF;
            return new int[] {Math.max(m, n), Math.max(m, n) + m};
        }
        if (name.equals("swap_x")) {
            int m = u1(code, at + 1) >> 4;
            int n = u1(code, at + 1) & 0xF;
            return new int[] {m + n, m + n};
        }
        if (name.startsWith("invoke")) {
            int index = name.equals("invokeinterface") ? u2(code, at + 2) : u2(code, at + 1);
            if (name.equals("invokeinterface")) {
                return new int[] {u1(code, at + 1), interfaceResult(pool, index, u1(code, at + 4))};
            }
            int[] type = types.getOrDefault(index, new int[] {0, 0});
            return new int[] {type[0] + (name.equals("invokestatic") ? 0 : 1), type[1]};
        }
        return switch (name) {
            case "nop", "goto", "goto_w", "return", "sinc", "sinc_w" -> new int[] {0, 0};
            case "aconst_null", "bspush", "sspush", "aload", "sload", "new", "getstatic_a", "getstatic_b", "getstatic_s" -> new int[] {0, 1};
            case "astore", "sstore", "pop", "areturn", "sreturn", "athrow", "putstatic_a", "putstatic_b", "putstatic_s",
                    "ifeq", "ifne", "iflt", "ifge", "ifgt", "ifle", "ifnull", "ifnonnull",
                    "ifeq_w", "ifne_w", "iflt_w", "ifge_w", "ifgt_w", "ifle_w", "ifnull_w", "ifnonnull_w",
                    "stableswitch", "slookupswitch" -> new int[] {1, 0};
            case "pop2", "if_acmpeq", "if_acmpne", "if_scmpeq", "if_scmpne", "if_scmplt", "if_scmpge", "if_scmpgt", "if_scmple",
                    "if_acmpeq_w", "if_acmpne_w", "if_scmpeq_w", "if_scmpne_w", "if_scmplt_w", "if_scmpge_w", "if_scmpgt_w",
                    "if_scmple_w" -> new int[] {2, 0};
            case "dup" -> new int[] {1, 2};
            case "dup2" -> new int[] {2, 4};
            case "aaload", "baload", "saload", "sadd", "ssub", "smul", "sdiv", "srem", "sshl", "sshr", "sushr", "sand", "sor", "sxor" ->
                    new int[] {2, 1};
            case "aastore", "bastore", "sastore" -> new int[] {3, 0};
            case "sneg", "s2b", "arraylength", "newarray", "anewarray", "checkcast", "instanceof" -> new int[] {1, 1};
            default -> {
                if (name.matches("[as]const_.*|[as]load_[0-3]|getfield_._this")) {
                    yield new int[] {0, 1};
                }
                if (name.matches("[as]store_[0-3]|putfield_._this")) {
                    yield new int[] {1, 0};
                }
                if (name.matches("getfield_.(_w)?")) {
                    yield new int[] {1, 1};
                }
                if (name.matches("putfield_.(_w)?")) {
                    yield new int[] {2, 0};
                }
                yield new int[] {0, 0}; // int instructions: refused by the converter, not counted here
            }
        };
    }

    /** Result words of an API interface method, from its token; 1 when it cannot be told. */
    private int interfaceResult(byte[] pool, int index, int token) {
        int classRef = (u1(pool, 2 + 4 * index + 1) << 8) | u1(pool, 2 + 4 * index + 2);
        if ((classRef & 0x8000) == 0) {
            return 1;
        }
        byte[] imports = info(CapFile.IMPORT);
        int packageToken = (classRef >> 8) & 0x7F;
        int at = 1;
        for (int i = 0; i < packageToken; i++) {
            at += 3 + u1(imports, at + 2);
        }
        byte[] aid = java.util.Arrays.copyOfRange(imports, at + 3, at + 3 + u1(imports, at + 2));
        for (ApiTokens.ApiClass type : api.classes().values()) {
            if (java.util.Arrays.equals(type.apiPackage().aid(), aid) && type.token() == (classRef & 0xFF)) {
                for (ApiTokens.ApiMember member : type.members().values()) {
                    if (member.kind() == ApiTokens.ApiMember.Kind.VIRTUAL_METHOD && member.token() == token) {
                        return member.descriptor().endsWith(")V") ? 0 : 1;
                    }
                }
            }
        }
        return 1;
    }

    /** Offsets of the instructions by method, for tests that break one of them. */
    static Map<Integer, Integer> instructionOffsets(CapFile cap) {
        CapVerifier verifier = new CapVerifier(cap);
        verifier.run();
        return verifier.instructions;
    }
}
