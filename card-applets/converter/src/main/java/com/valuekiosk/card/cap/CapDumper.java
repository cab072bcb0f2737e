package com.valuekiosk.card.cap;

import com.valuekiosk.card.cap.ApiTokens.ApiClass;
import com.valuekiosk.card.cap.ApiTokens.ApiMember;
import com.valuekiosk.card.cap.ApiTokens.ApiPackage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a CAP file component by component, field by field, and the Method component as readable
 * bytecode: constant pool references resolved to API names (through the tokens of
 * {@link ApiTokens}) or to the class, method and field of this package they point at, with their
 * types from the Descriptor component. A CAP file carries no names of its own classes: they are
 * shown by their offsets ({@code class@0x0002}, {@code method@0x01A3}).
 */
public final class CapDumper {

    private final CapFile cap;
    private final ApiTokens api;
    private final StringBuilder out = new StringBuilder();
    private final List<ApiPackage> imports = new ArrayList<>();
    private final List<int[]> constantPool = new ArrayList<>();
    /** Per constant pool entry: the type from the Descriptor component, or null. */
    private final List<String> cpTypes = new ArrayList<>();
    /** Method offset -> {bytecode count, handler count, descriptor flags, class offset, token}. */
    private final Map<Integer, int[]> methods = new TreeMap<>();
    private byte[] descriptorInfo = new byte[0];
    private int typesStart;

    private CapDumper(CapFile cap, ApiTokens api) {
        this.cap = cap;
        this.api = api;
    }

    public static String dump(CapFile cap, ApiTokens api) {
        return new CapDumper(cap, api).run();
    }

    /** Big-endian reader over one component's info. */
    private static final class In {
        final byte[] bytes;
        int at;

        In(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
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

    /** A component's info (after tag and size). */
    private byte[] info(int tag) {
        byte[] component = cap.component(tag);
        return component == null ? null : Arrays.copyOfRange(component, 3, component.length);
    }

    private void line(String format, Object... args) {
        out.append(String.format(format, args)).append('\n');
    }

    private String run() {
        line("CAP file of package %s", cap.packageName() == null ? "?" : cap.packageName().replace('/', '.'));
        // read what the Method component needs first: imports, constant pool, descriptor
        byte[] importInfo = info(CapFile.IMPORT);
        if (importInfo != null) {
            In in = new In(importInfo, 0);
            int count = in.u1();
            for (int i = 0; i < count; i++) {
                int minor = in.u1();
                int major = in.u1();
                byte[] aid = in.take(in.u1());
                imports.add(api.packages().values().stream().filter(p -> Arrays.equals(p.aid(), aid)).findFirst()
                        .orElse(new ApiPackage("package " + Hex.encode(aid), aid, major, minor, null)));
            }
        }
        byte[] cpInfo = info(CapFile.CONSTANT_POOL);
        if (cpInfo != null) {
            In in = new In(cpInfo, 0);
            int count = in.u2();
            for (int i = 0; i < count; i++) {
                constantPool.add(new int[] {in.u1(), in.u1(), in.u1(), in.u1()});
            }
        }
        readDescriptor();

        for (Map.Entry<Integer, byte[]> component : cap.components().entrySet()) {
            int tag = component.getKey();
            byte[] bytes = component.getValue();
            line("");
            line("%s component (tag %d, size %d)", CapFile.componentName(tag), tag, bytes.length - 3);
            byte[] info = Arrays.copyOfRange(bytes, 3, bytes.length);
            switch (tag) {
                case CapFile.HEADER -> header(info);
                case CapFile.DIRECTORY -> directory(info);
                case CapFile.APPLET -> applet(info);
                case CapFile.IMPORT -> importComponent(info);
                case CapFile.CONSTANT_POOL -> constantPoolComponent();
                case CapFile.CLASS -> classComponent(info);
                case CapFile.METHOD -> methodComponent(info);
                case CapFile.STATIC_FIELD -> staticField(info);
                case CapFile.REFERENCE_LOCATION -> refLocation(info);
                case CapFile.DESCRIPTOR -> descriptorComponent();
                default -> line("  %s", Hex.encode(info));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------

    private void header(byte[] info) {
        In in = new In(info, 0);
        line("  magic: 0x%04X%04X", in.u2(), in.u2());
        int minor = in.u1();
        line("  CAP format version: %d.%d", in.u1(), minor);
        int flags = in.u1();
        line("  flags: 0x%02X%s%s%s", flags, (flags & 1) != 0 ? " ACC_INT" : "", (flags & 2) != 0 ? " ACC_EXPORT" : "",
                (flags & 4) != 0 ? " ACC_APPLET" : "");
        int packageMinor = in.u1();
        line("  package version: %d.%d", in.u1(), packageMinor);
        line("  package AID: %s", Hex.encode(in.take(in.u1())));
        if (in.more()) {
            line("  package name: %s", new String(in.take(in.u1()), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void directory(byte[] info) {
        In in = new In(info, 0);
        for (int tag = 1; tag <= cap.directorySizeCount(); tag++) {
            line("  component_sizes[%s]: %d", CapFile.componentName(tag), in.u2());
        }
        line("  static field image size: %d, array_init_count: %d, array_init_size: %d", in.u2(), in.u2(), in.u2());
        line("  import_count: %d", in.u1());
        line("  applet_count: %d", in.u1());
        int custom = in.u1();
        line("  custom_count: %d", custom);
        for (int i = 0; i < custom; i++) {
            line("  custom component tag %d size %d AID %s", in.u1(), in.u2(), Hex.encode(in.take(in.u1())));
        }
    }

    private void applet(byte[] info) {
        In in = new In(info, 0);
        int count = in.u1();
        line("  count: %d", count);
        for (int i = 0; i < count; i++) {
            byte[] aid = in.take(in.u1());
            line("  applet %d: AID %s, install method @0x%04X", i + 1, Hex.encode(aid), in.u2());
        }
    }

    private void importComponent(byte[] info) {
        line("  count: %d", imports.size());
        for (int i = 0; i < imports.size(); i++) {
            ApiPackage imported = imports.get(i);
            line("  package token %d: %s AID %s version %s", i, imported.name().replace('/', '.'), Hex.encode(imported.aid()),
                    imported.version());
        }
    }

    private void constantPoolComponent() {
        line("  count: %d", constantPool.size());
        for (int i = 0; i < constantPool.size(); i++) {
            line("  #%-3d %s", i, describe(i));
        }
    }

    private static final String[] CP_TAGS = {"?", "Classref", "InstanceFieldref", "VirtualMethodref", "SuperMethodref",
        "StaticFieldref", "StaticMethodref"};

    /** One constant pool entry in words: kind, target, type. */
    private String describe(int index) {
        if (index < 0 || index >= constantPool.size()) {
            return "(no such constant pool entry " + index + ")";
        }
        int[] entry = constantPool.get(index);
        int tag = entry[0];
        int classRef = (entry[1] << 8) | entry[2];
        String type = index < cpTypes.size() && cpTypes.get(index) != null ? cpTypes.get(index) : "";
        if ((tag == 3 || tag == 4 || tag == 6) && !type.isEmpty() && !type.startsWith("(")) {
            type = "()" + type; // a method without parameters
        }
        type = type.isEmpty() ? "" : " " + type;
        String kind = tag < CP_TAGS.length ? CP_TAGS[tag] : "tag " + tag;
        return switch (tag) {
            case 1 -> kind + " " + classRef(classRef);
            case 2 -> kind + " " + classRef(classRef) + " field token " + entry[3] + type;
            case 3, 4 -> kind + " " + virtualMethod(classRef, entry[3]) + type;
            case 5, 6 -> {
                if ((entry[1] & 0x80) == 0) {
                    int offset = (entry[2] << 8) | entry[3];
                    yield kind + " " + (tag == 6 ? "method" : "static field") + "@0x" + String.format("%04X", offset) + type;
                }
                yield kind + " " + externalMember(entry[1] & 0x7F, entry[2], entry[3], tag == 6 ? ApiMember.Kind.STATIC_METHOD : ApiMember.Kind.FIELD) + type;
            }
            default -> kind + " " + Hex.encode(new byte[] {(byte) entry[1], (byte) entry[2], (byte) entry[3]});
        };
    }

    private String classRef(int classRef) {
        if (classRef == 0xFFFF) {
            return "(none)";
        }
        if ((classRef & 0x8000) == 0) {
            return String.format("class@0x%04X", classRef);
        }
        ApiClass external = externalClass((classRef >> 8) & 0x7F, classRef & 0xFF);
        return external != null ? external.name() : String.format("package %d class %d", (classRef >> 8) & 0x7F, classRef & 0xFF);
    }

    private ApiClass externalClass(int packageToken, int classToken) {
        if (packageToken >= imports.size()) {
            return null;
        }
        String packageName = imports.get(packageToken).name();
        return api.classes().values().stream()
                .filter(c -> c.apiPackage().name().equals(packageName) && c.token() == classToken).findFirst().orElse(null);
    }

    private String virtualMethod(int classRef, int token) {
        if ((classRef & 0x8000) != 0) {
            ApiClass external = externalClass((classRef >> 8) & 0x7F, classRef & 0xFF);
            if (external != null) {
                for (ApiMember member : external.members().values()) {
                    if (member.kind() == ApiMember.Kind.VIRTUAL_METHOD && member.token() == token) {
                        return external.name() + "." + member.name() + member.descriptor();
                    }
                }
            }
        }
        return classRef(classRef) + ((token & 0x80) != 0 ? " package method token " + (token & 0x7F) : " method token " + token);
    }

    private String externalMember(int packageToken, int classToken, int token, ApiMember.Kind kind) {
        ApiClass external = externalClass(packageToken, classToken);
        if (external != null) {
            for (ApiMember member : external.members().values()) {
                if (member.kind() == kind && member.token() == token) {
                    return external.name() + "." + member.name() + member.descriptor();
                }
            }
            return external.name() + " token " + token;
        }
        return String.format("package %d class %d token %d", packageToken, classToken, token);
    }

    private void classComponent(byte[] info) {
        In in = new In(info, 0);
        if (cap.formatMinor() >= 2) {
            int signaturePool = in.u2();
            line("  signature_pool_length: %d", signaturePool);
            in.take(signaturePool);
        }
        while (in.more()) {
            int offset = in.at;
            int bitfield = in.u1();
            int flags = bitfield >> 4;
            int interfaces = bitfield & 0xF;
            if ((flags & 0x8) != 0) {
                line("  interface @0x%04X: flags 0x%X, superinterfaces %d", offset, flags, interfaces);
                for (int i = 0; i < interfaces; i++) {
                    line("    superinterface %s", classRef(in.u2()));
                }
                continue;
            }
            line("  class @0x%04X: flags 0x%X, interfaces %d", offset, flags, interfaces);
            line("    super class: %s", classRef(in.u2()));
            line("    declared_instance_size: %d", in.u1());
            line("    first_reference_token: %d, reference_count: %d", in.u1(), in.u1());
            int publicBase = in.u1();
            int publicCount = in.u1();
            int packageBase = in.u1();
            int packageCount = in.u1();
            line("    public methods: base %d, count %d", publicBase, publicCount);
            for (int i = 0; i < publicCount; i++) {
                int method = in.u2();
                line("      token %d: %s", publicBase + i, method == 0xFFFF ? "(inherited from another package)" : String.format("method@0x%04X", method));
            }
            line("    package methods: base %d, count %d", packageBase, packageCount);
            for (int i = 0; i < packageCount; i++) {
                line("      token %d: method@0x%04X", packageBase + i, in.u2());
            }
            for (int i = 0; i < interfaces; i++) {
                String implemented = classRef(in.u2());
                int count = in.u1();
                line("    implements %s: %s", implemented, Hex.encode(in.take(count)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Method component

    private void methodComponent(byte[] info) {
        In in = new In(info, 0);
        int handlers = in.u1();
        line("  handler_count: %d", handlers);
        for (int i = 0; i < handlers; i++) {
            int start = in.u2();
            int bitfield = in.u2();
            int handler = in.u2();
            int catchType = in.u2();
            line("  handler %d: try 0x%04X..0x%04X, handler 0x%04X, catch %s%s", i, start, start + (bitfield & 0x7FFF), handler,
                    catchType == 0 ? "any" : "#" + catchType + " " + describe(catchType), (bitfield & 0x8000) != 0 ? ", stop" : "");
        }
        for (Map.Entry<Integer, int[]> method : methods.entrySet()) {
            int offset = method.getKey();
            int[] facts = method.getValue();
            if ((facts[2] & 0x40) != 0 && offset == 0) {
                continue; // abstract, described in the Descriptor only
            }
            in.at = offset;
            int first = in.u1();
            int flags = first >> 4;
            int maxStack;
            int nargs;
            int maxLocals;
            if ((flags & 0x8) != 0) {
                maxStack = in.u1();
                nargs = in.u1();
                maxLocals = in.u1();
            } else {
                maxStack = first & 0xF;
                int second = in.u1();
                nargs = second >> 4;
                maxLocals = second & 0xF;
            }
            line("  method@0x%04X of %s token %s %s: max_stack %d, nargs %d, max_locals %d%s, %d bytes", offset,
                    classRef(facts[3]), facts[4] == 0xFF ? "-" : String.valueOf(facts[4]), accessFlags(facts[2]), maxStack, nargs,
                    maxLocals, (flags & 0x4) != 0 ? ", abstract" : "", facts[0]);
            int end = in.at + facts[0];
            while (in.at < end && in.at < info.length) {
                int at = in.at;
                int length = JcOpcodes.length(info, at);
                line("    0x%04X: %s", at, instruction(info, at));
                in.at = at + length;
            }
        }
    }

    /** One instruction: mnemonic and operands, references resolved. */
    String instruction(byte[] code, int at) {
        int opcode = code[at] & 0xFF;
        String name = JcOpcodes.name(opcode);
        if (name == null) {
            return String.format("(undefined opcode 0x%02X)", opcode);
        }
        In in = new In(code, at + 1);
        return switch (JcOpcodes.format(opcode)) {
            case NONE -> name;
            case BYTE -> name + " " + (byte) in.u1();
            case SHORT -> name + " " + (short) in.u2();
            case LOCAL -> name + " " + in.u1();
            case LOCAL_BYTE -> name + " " + in.u1() + " " + (byte) in.u1();
            case LOCAL_SHORT -> name + " " + in.u1() + " " + (short) in.u2();
            case MN -> String.format("%s 0x%02X", name, in.u1());
            case ATYPE -> name + " " + atype(in.u1());
            case CP_BYTE -> {
                int index = in.u1();
                yield name + " #" + index + " " + describe(index);
            }
            case CP_SHORT -> {
                int index = in.u2();
                yield name + " #" + index + " " + describe(index);
            }
            case ATYPE_CP -> {
                int atype = in.u1();
                int index = in.u2();
                yield name + " " + (atype == 0 ? "#" + index + " " + describe(index)
                        : atype(atype) + (atype == 14 ? " #" + index + " " + describe(index) : ""));
            }
            case INTERFACE -> {
                int nargs = in.u1();
                int index = in.u2();
                int token = in.u1();
                int[] entry = index < constantPool.size() ? constantPool.get(index) : new int[4];
                yield name + " nargs " + nargs + " #" + index + " " + interfaceMethod((entry[1] << 8) | entry[2], token);
            }
            case BRANCH_BYTE -> String.format("%s 0x%04X", name, at + (byte) in.u1());
            case BRANCH_SHORT -> String.format("%s 0x%04X", name, at + (short) in.u2());
            case TABLESWITCH -> {
                int dflt = at + (short) in.u2();
                int low = (short) in.u2();
                int high = (short) in.u2();
                StringBuilder text = new StringBuilder(String.format("%s default 0x%04X", name, dflt));
                for (int key = low; key <= high; key++) {
                    text.append(String.format(", %d: 0x%04X", key, at + (short) in.u2()));
                }
                yield text.toString();
            }
            case LOOKUPSWITCH -> {
                int dflt = at + (short) in.u2();
                int pairs = in.u2();
                StringBuilder text = new StringBuilder(String.format("%s default 0x%04X", name, dflt));
                for (int i = 0; i < pairs; i++) {
                    int key = (short) in.u2();
                    text.append(String.format(", %d: 0x%04X", key, at + (short) in.u2()));
                }
                yield text.toString();
            }
        };
    }

    private String interfaceMethod(int classRef, int token) {
        if ((classRef & 0x8000) != 0) {
            ApiClass external = externalClass((classRef >> 8) & 0x7F, classRef & 0xFF);
            if (external != null) {
                for (ApiMember member : external.members().values()) {
                    if (member.kind() == ApiMember.Kind.VIRTUAL_METHOD && member.token() == token) {
                        return external.name() + "." + member.name() + member.descriptor();
                    }
                }
            }
        }
        return classRef(classRef) + " method token " + token;
    }

    private static String atype(int atype) {
        return switch (atype) {
            case 10 -> "boolean[]";
            case 11 -> "byte[]";
            case 12 -> "short[]";
            case 13 -> "int[]";
            case 14 -> "reference[]";
            default -> "atype " + atype;
        };
    }

    private static String accessFlags(int flags) {
        List<String> names = new ArrayList<>();
        String[] all = {"public", "private", "protected", "static", "final", "?", "abstract", "init"};
        for (int bit = 0; bit < 8; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(all[bit]);
            }
        }
        return "[" + String.join(" ", names) + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private void staticField(byte[] info) {
        In in = new In(info, 0);
        line("  image_size: %d", in.u2());
        line("  reference_count: %d", in.u2());
        int arrays = in.u2();
        line("  array_init_count: %d", arrays);
        for (int i = 0; i < arrays; i++) {
            int type = in.u1();
            int count = in.u2();
            line("    array of type %d: %s", type, Hex.encode(in.take(count)));
        }
        line("  default_value_count: %d", in.u2());
        int values = in.u2();
        line("  non_default_value_count: %d%s", values, values > 0 ? " " + Hex.encode(in.take(values)) : "");
    }

    private void refLocation(byte[] info) {
        In in = new In(info, 0);
        for (String kind : new String[] {"one-byte", "two-byte"}) {
            int count = in.u2();
            List<String> locations = new ArrayList<>();
            int location = 0;
            for (int i = 0; i < count; i++) {
                int delta = in.u1();
                location += delta;
                if (delta != 255) {
                    locations.add(String.format("0x%04X", location));
                }
            }
            line("  %s constant pool indices in the Method component: %d (%d bytes of offsets)", kind, locations.size(), count);
            for (int i = 0; i < locations.size(); i += 12) {
                line("    %s", String.join(" ", locations.subList(i, Math.min(locations.size(), i + 12))));
            }
        }
    }

    private void readDescriptor() {
        byte[] info = info(CapFile.DESCRIPTOR);
        if (info == null) {
            return;
        }
        descriptorInfo = info;
        In in = new In(info, 0);
        int classCount = in.u1();
        for (int c = 0; c < classCount; c++) {
            in.u1();
            in.u1();
            int classRef = in.u2();
            int interfaces = in.u1();
            int fields = in.u2();
            int methodCount = in.u2();
            in.take(2 * interfaces + 7 * fields);
            for (int m = 0; m < methodCount; m++) {
                int token = in.u1();
                int flags = in.u1();
                int offset = in.u2();
                in.u2();
                int bytecodes = in.u2();
                int handlers = in.u2();
                in.u2();
                if (offset != 0) {
                    methods.put(offset, new int[] {bytecodes, handlers, flags, classRef, token});
                }
            }
        }
        typesStart = in.at;
        int cpCount = in.u2();
        for (int i = 0; i < cpCount; i++) {
            int offset = in.u2();
            cpTypes.add(offset == 0xFFFF ? null : typeAt(offset));
        }
    }

    /** The type descriptor at an offset from the start of type_descriptor_info, as a JVM-style descriptor. */
    private String typeAt(int offset) {
        In in = new In(descriptorInfo, typesStart + offset);
        if (in.at >= descriptorInfo.length) {
            return "(type offset " + offset + " out of range)";
        }
        int count = in.u1();
        List<Integer> nibbles = new ArrayList<>();
        byte[] bytes = in.take((count + 1) / 2);
        for (byte b : bytes) {
            nibbles.add((b >> 4) & 0xF);
            nibbles.add(b & 0xF);
        }
        List<String> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int nibble = nibbles.get(i);
            String type = switch (nibble) {
                case 0x1 -> "V";
                case 0x2 -> "Z";
                case 0x3 -> "B";
                case 0x4 -> "S";
                case 0x5 -> "I";
                case 0xA -> "[Z";
                case 0xB -> "[B";
                case 0xC -> "[S";
                case 0xD -> "[I";
                case 0x6, 0xE -> {
                    int ref = (nibbles.get(i + 1) << 12) | (nibbles.get(i + 2) << 8) | (nibbles.get(i + 3) << 4) | nibbles.get(i + 4);
                    i += 4;
                    yield (nibble == 0xE ? "[L" : "L") + classRef(ref) + ";";
                }
                default -> "?" + nibble;
            };
            types.add(type);
        }
        return types.size() <= 1 ? String.join("", types)
                : "(" + String.join("", types.subList(0, types.size() - 1)) + ")" + types.get(types.size() - 1);
    }

    private void descriptorComponent() {
        In in = new In(descriptorInfo, 0);
        int classCount = in.u1();
        line("  class_count: %d", classCount);
        for (int c = 0; c < classCount; c++) {
            int token = in.u1();
            int flags = in.u1();
            int classRef = in.u2();
            int interfaces = in.u1();
            int fields = in.u2();
            int methodCount = in.u2();
            line("  class %s: token %s, flags 0x%02X, interfaces %d, fields %d, methods %d", classRef(classRef),
                    token == 0xFF ? "- (package-visible)" : String.valueOf(token), flags, interfaces, fields, methodCount);
            for (int i = 0; i < interfaces; i++) {
                line("    implements %s", classRef(in.u2()));
            }
            for (int f = 0; f < fields; f++) {
                int fieldToken = in.u1();
                int fieldFlags = in.u1();
                byte[] ref = in.take(3);
                int type = in.u2();
                line("    field token %d %s ref %s type %s", fieldToken, accessFlags(fieldFlags), Hex.encode(ref),
                        (type & 0x8000) != 0 ? new String[] {"?", "?", "Z", "B", "S", "I"}[Math.min(type & 0xF, 5)] : typeAt(type));
            }
            for (int m = 0; m < methodCount; m++) {
                int methodToken = in.u1();
                int methodFlags = in.u1();
                int offset = in.u2();
                int type = in.u2();
                int bytecodes = in.u2();
                int handlers = in.u2();
                int handlerIndex = in.u2();
                String signature = typeAt(type);
                line("    method token %s %s @0x%04X %s: %d bytes, handlers %d from %d", methodToken == 0xFF ? "-" : methodToken,
                        accessFlags(methodFlags), offset, signature.startsWith("(") ? signature : "()" + signature, bytecodes,
                        handlers, handlerIndex);
            }
        }
        int cpCount = in.u2();
        line("  constant pool types: %d", cpCount);
        for (int i = 0; i < cpCount; i++) {
            String type = cpTypes.get(i);
            line("    #%-3d %s", i, type == null ? "(class)" : type);
        }
    }
}
