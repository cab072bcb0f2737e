package com.valuekiosk.card.cap;

import com.valuekiosk.card.cap.ApiTokens.ApiClass;
import com.valuekiosk.card.cap.ApiTokens.ApiMember;
import com.valuekiosk.card.cap.ApiTokens.ApiPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Converts the class files of one Java package into a CAP file (format 2.1, compact): Header,
 * Directory, Applet, Import, ConstantPool, Class, Method, StaticField, RefLocation and Descriptor.
 *
 * <p>The JVM bytecode is translated instruction by instruction into the Java Card instruction set:
 * {@code int} arithmetic into 16-bit arithmetic where {@link IntNarrowing} proves the result is
 * narrowed anyway, constants into {@code sconst}/{@code bspush}/{@code sspush}, loads, stores, field
 * accesses, calls and branches into their typed and tokenised forms. Anything outside the subset is
 * an error naming class, method and source line. Stack depth (from a data-flow analysis), arguments,
 * locals, exception handlers and the reference locations are computed.
 */
public final class Converter {

    /** One applet class (internal name) and its AID. */
    public record AppletSpec(String className, byte[] aid) {
    }

    /** What the converter is told besides the class files. */
    public record Settings(String packageName, byte[] packageAid, int major, int minor, List<AppletSpec> applets) {
    }

    /**
     * The CAP file; how many JVM instructions of each kind were read, and how many Java Card
     * instructions of each kind the Method component holds.
     */
    public record Result(CapFile cap, Map<String, Integer> jvmInstructions, Map<String, Integer> bytecodes) {
    }

    private static final int ACC_EXTENDED = 0x8, ACC_ABSTRACT_HEADER = 0x4;
    private static final int CP_CLASS = 1, CP_INSTANCE_FIELD = 2, CP_VIRTUAL_METHOD = 3, CP_STATIC_FIELD = 5, CP_STATIC_METHOD = 6;

    private final ApiTokens api;
    private final Settings settings;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Cls> classes = new LinkedHashMap<>();
    private final List<Cls> order = new ArrayList<>();
    private final List<CpKey> constantPool = new ArrayList<>();
    private final Map<CpKey, Integer> cpIndex = new HashMap<>();
    private final List<ApiPackage> imports = new ArrayList<>();
    private final Set<CpKey> catchTypes = new LinkedHashSet<>();
    private final Map<String, Integer> bytecodes = new TreeMap<>();
    private final Map<String, Integer> jvmInstructions = new TreeMap<>();

    private Converter(ApiTokens api, Settings settings) {
        this.api = api;
        this.settings = settings;
    }

    public static Result convert(Map<String, byte[]> classFiles, Settings settings, ApiTokens api) throws ConversionException {
        return new Converter(api, settings).run(classFiles);
    }

    // ---------------------------------------------------------------------------------------------
    // model

    /** A constant pool entry, before it has its bytes: tag, class, member name and descriptor. */
    private record CpKey(int tag, String cls, String name, String desc) {
    }

    private static final class Cls {
        final ClassNode node;
        final String name;
        Cls superCls;
        int token = 0xFF;
        final List<FieldNode> instanceFields = new ArrayList<>();
        final Map<String, Integer> fieldTokens = new HashMap<>();
        int referenceCount;
        int firstReference = 0xFF;
        Map<String, Integer> publicTokens = new HashMap<>();
        Map<String, Integer> packageTokens = new HashMap<>();
        int publicCount;
        int packageCount;
        final List<Meth> methods = new ArrayList<>();
        int offset;

        Cls(ClassNode node) {
            this.node = node;
            this.name = node.name;
        }

        boolean isPublic() {
            return (node.access & Opcodes.ACC_PUBLIC) != 0;
        }

        String simpleName() {
            return name.substring(name.lastIndexOf('/') + 1);
        }

        Meth method(String key) {
            for (Meth method : methods) {
                if (method.key.equals(key)) {
                    return method;
                }
            }
            return null;
        }
    }

    private static final class Meth {
        final Cls owner;
        final MethodNode node;
        final String key;
        final String where;
        int virtualToken = -1;
        boolean packageVisible;
        int staticToken = 0xFF;
        final List<Insn> code = new ArrayList<>();
        final Map<LabelNode, Integer> labels = new IdentityHashMap<>();
        int nargs;
        int maxLocals;
        int maxStack;
        int offset;
        int codeStart;
        int[] offsets;
        byte[] bytecode = new byte[0];
        int handlerIndex;
        int handlerCount;

        Meth(Cls owner, MethodNode node) {
            this.owner = owner;
            this.node = node;
            this.key = node.name + node.desc;
            this.where = owner.simpleName() + "." + node.name + node.desc;
        }

        boolean isStatic() {
            return (node.access & Opcodes.ACC_STATIC) != 0;
        }

        boolean isAbstract() {
            return (node.access & Opcodes.ACC_ABSTRACT) != 0;
        }

        boolean isVirtual() {
            return !isStatic() && (node.access & Opcodes.ACC_PRIVATE) == 0 && !node.name.equals("<init>");
        }
    }

    /** One Java Card instruction before layout. */
    private static final class Insn {
        int opcode;
        int operand;      // byte/short immediate, local index, atype, mn
        int operand2;     // sinc constant, invokeinterface token
        CpKey cp;
        LabelNode target;
        LabelNode[] targets;
        int[] keys;
        int low;
        boolean wide;
        int line;

        Insn(int opcode) {
            this.opcode = opcode;
        }
    }

    private record Handler(Meth method, int start, int end, int handler, CpKey catchType) {
    }

    // ---------------------------------------------------------------------------------------------

    private Result run(Map<String, byte[]> classFiles) throws ConversionException {
        for (byte[] bytes : classFiles.values()) {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
            classes.put(node.name, new Cls(node));
        }
        orderClasses();
        assignTokens();
        for (Cls type : order) {
            for (Meth method : type.methods) {
                translate(method);
            }
        }
        for (AppletSpec applet : settings.applets()) {
            Cls type = classes.get(applet.className());
            if (type == null || type.method("install([BSB)V") == null || !type.method("install([BSB)V").isStatic()) {
                problems.add(applet.className() + ": applet class without static install(byte[], short, byte)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConversionException(problems);
        }
        buildConstantPool();
        collectImports();
        List<Handler> handlers = layoutMethods();
        layoutClasses();
        if (!problems.isEmpty()) {
            throw new ConversionException(problems);
        }

        ByteSink refs1 = new ByteSink();
        ByteSink refs2 = new ByteSink();
        byte[] method = methodComponent(handlers, refs1, refs2);
        Map<Integer, byte[]> components = new TreeMap<>();
        if (!settings.applets().isEmpty()) {
            components.put(CapFile.APPLET, appletComponent());
        }
        components.put(CapFile.IMPORT, importComponent());
        components.put(CapFile.CONSTANT_POOL, constantPoolComponent());
        components.put(CapFile.CLASS, classComponent());
        components.put(CapFile.METHOD, method);
        components.put(CapFile.STATIC_FIELD, ByteSink.component(CapFile.STATIC_FIELD, new byte[10]));
        components.put(CapFile.REFERENCE_LOCATION, refLocationComponent(refs1.toByteArray(), refs2.toByteArray()));
        components.put(CapFile.DESCRIPTOR, descriptorComponent());
        components.put(CapFile.HEADER, headerComponent());
        components.put(CapFile.DIRECTORY, directoryComponent(components));
        Map<Integer, byte[]> ordered = new LinkedHashMap<>();
        for (int tag = 1; tag <= 12; tag++) {
            if (components.containsKey(tag)) {
                ordered.put(tag, components.get(tag));
            }
        }
        return new Result(new CapFile(settings.packageName(), ordered, manifest()), jvmInstructions, bytecodes);
    }

    // ---------------------------------------------------------------------------------------------
    // classes and tokens

    /** Superclasses before their subclasses, otherwise by name. */
    private void orderClasses() {
        Set<String> done = new LinkedHashSet<>();
        for (String name : new java.util.TreeSet<>(classes.keySet())) {
            visit(name, done);
        }
        for (String name : done) {
            order.add(classes.get(name));
        }
    }

    private void visit(String name, Set<String> done) {
        Cls type = classes.get(name);
        if (type == null || done.contains(name)) {
            return;
        }
        visit(type.node.superName, done);
        done.add(name);
    }

    private void assignTokens() {
        int classToken = 0;
        for (Cls type : order) {
            ClassNode node = type.node;
            String where = type.simpleName();
            if ((node.access & Opcodes.ACC_INTERFACE) != 0) {
                problems.add(where + ": interfaces defined in the package are not supported yet");
            }
            if (!node.interfaces.isEmpty()) {
                problems.add(where + ": classes implementing interfaces are not supported yet");
            }
            if (type.isPublic()) {
                type.token = classToken++;
            }
            type.superCls = classes.get(node.superName);
            if (type.superCls != null) {
                type.publicTokens = new HashMap<>(type.superCls.publicTokens);
                type.packageTokens = new HashMap<>(type.superCls.packageTokens);
                type.publicCount = type.superCls.publicCount;
                type.packageCount = type.superCls.packageCount;
            } else {
                ApiClass superApi = api.apiClass(node.superName).orElse(null);
                if (superApi == null) {
                    problems.add(where + ": superclass " + node.superName + " is neither in the package nor in the Java Card API");
                    continue;
                }
                for (ApiClass ancestor = superApi; ancestor != null; ancestor = api.apiClass(ancestor.superName() == null ? "" : ancestor.superName()).orElse(null)) {
                    for (ApiMember member : ancestor.members().values()) {
                        if (member.kind() == ApiMember.Kind.VIRTUAL_METHOD) {
                            type.publicTokens.putIfAbsent(member.name() + member.descriptor(), member.token());
                        }
                    }
                }
                type.publicCount = superApi.inheritablePublicMethods();
            }
            // instance field tokens (JCVM 4.3.7.5): public and protected fields first, primitives before
            // references; then package and private ones, references before primitives: all references
            // are numbered consecutively
            List<FieldNode> visiblePrimitives = new ArrayList<>();
            List<FieldNode> visibleReferences = new ArrayList<>();
            List<FieldNode> references = new ArrayList<>();
            List<FieldNode> primitives = new ArrayList<>();
            for (FieldNode field : node.fields) {
                boolean isStatic = (field.access & Opcodes.ACC_STATIC) != 0;
                Type fieldType = Type.getType(field.desc);
                if (isStatic) {
                    boolean constant = (field.access & Opcodes.ACC_FINAL) != 0 && field.value != null;
                    if (!constant) {
                        problems.add(where + " field " + field.name + ": static fields other than compile-time constants are not supported yet");
                    }
                    continue;
                }
                boolean visible = (field.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0;
                switch (fieldType.getSort()) {
                    case Type.BOOLEAN, Type.BYTE, Type.SHORT -> (visible ? visiblePrimitives : primitives).add(field);
                    case Type.OBJECT, Type.ARRAY -> (visible ? visibleReferences : references).add(field);
                    default -> problems.add(where + " field " + field.name + ": type " + field.desc + " has no Java Card equivalent");
                }
            }
            type.instanceFields.addAll(visiblePrimitives);
            type.instanceFields.addAll(visibleReferences);
            type.instanceFields.addAll(references);
            type.instanceFields.addAll(primitives);
            type.firstReference = visibleReferences.size() + references.size() == 0 ? 0xFF : visiblePrimitives.size();
            type.referenceCount = visibleReferences.size() + references.size();
            for (int i = 0; i < type.instanceFields.size(); i++) {
                type.fieldTokens.put(type.instanceFields.get(i).name, i);
            }
            if (type.instanceFields.size() > 255) {
                problems.add(where + ": more than 255 instance fields");
            }
            int staticToken = 0;
            for (MethodNode methodNode : node.methods) {
                if (methodNode.name.equals("<clinit>")) {
                    problems.add(where + ".<clinit>: static initialisers are not supported yet");
                    continue;
                }
                Meth method = new Meth(type, methodNode);
                type.methods.add(method);
                boolean visible = (methodNode.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0;
                if (method.isVirtual()) {
                    if (visible) {
                        Integer inherited = type.publicTokens.get(method.key);
                        method.virtualToken = inherited != null ? inherited : type.publicCount++;
                        type.publicTokens.put(method.key, method.virtualToken);
                    } else {
                        method.packageVisible = true;
                        Integer inherited = type.packageTokens.get(method.key);
                        method.virtualToken = inherited != null ? inherited : type.packageCount++;
                        type.packageTokens.put(method.key, method.virtualToken);
                    }
                } else if (visible && type.isPublic()) {
                    method.staticToken = staticToken++;
                }
            }
            if (type.publicCount > 128 || type.packageCount > 128) {
                problems.add(where + ": more than 128 public or 128 package virtual methods");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // translation

    private void translate(Meth method) {
        MethodNode node = method.node;
        Type descriptor = Type.getMethodType(node.desc);
        method.nargs = (method.isStatic() ? 0 : 1);
        for (Type argument : descriptor.getArgumentTypes()) {
            method.nargs += argument.getSize();
        }
        if ((node.access & (Opcodes.ACC_NATIVE | Opcodes.ACC_SYNCHRONIZED)) != 0) {
            problems.add(method.where + ": native and synchronized methods have no Java Card equivalent");
        }
        if (method.isAbstract()) {
            return;
        }
        Set<String> violations = new LinkedHashSet<>();
        Frame<?>[] frames = IntNarrowing.analyze(method.owner.name, node, method.where, violations);
        problems.addAll(violations);
        if (frames == null) {
            return;
        }
        int maxStack = 0;
        int maxLocal = method.nargs;
        for (Frame<?> frame : frames) {
            if (frame != null) {
                maxStack = Math.max(maxStack, frame.getStackSize());
            }
        }
        Map<AbstractInsnNode, Integer> lines = IntNarrowing.lines(node);
        AbstractInsnNode[] insns = node.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode insn = insns[i];
            int line = lines.getOrDefault(insn, 0);
            if (insn instanceof LabelNode label) {
                method.labels.put(label, method.code.size());
                continue;
            }
            if (insn.getOpcode() < 0) {
                continue; // line numbers, frames
            }
            jvmInstructions.merge(IntNarrowing.opcodeName(insn.getOpcode()), 1, Integer::sum);
            if (insn instanceof VarInsnNode var) {
                maxLocal = Math.max(maxLocal, var.var + 1);
            } else if (insn instanceof IincInsnNode iinc) {
                maxLocal = Math.max(maxLocal, iinc.var + 1);
            }
            // aload_0; getfield f  ->  getfield_<t>_this f
            if (!method.isStatic() && insn.getOpcode() == Opcodes.ALOAD && ((VarInsnNode) insn).var == 0
                    && i + 1 < insns.length && insns[i + 1].getOpcode() == Opcodes.GETFIELD
                    && classes.containsKey(((FieldInsnNode) insns[i + 1]).owner)) {
                FieldInsnNode field = (FieldInsnNode) insns[i + 1];
                Insn fused = new Insn(JcOpcodes.GETFIELD_A_THIS + fieldKind(method, field, line));
                fused.cp = instanceFieldRef(method, field, line);
                emit(method, fused, line);
                jvmInstructions.merge("GETFIELD", 1, Integer::sum);
                i++;
                continue;
            }
            translate(method, insn, line);
        }
        method.maxStack = maxStack;
        method.maxLocals = maxLocal - method.nargs;
        for (TryCatchBlockNode handler : node.tryCatchBlocks) {
            if (handler.type != null) {
                catchTypes.add(use(new CpKey(CP_CLASS, handler.type, null, null), method, 0));
            }
        }
        if (method.maxStack > 255 || method.nargs > 255 || method.maxLocals > 255) {
            problems.add(method.where + ": more than 255 words of stack, arguments or locals");
        }
    }

    private Insn emit(Meth method, Insn insn, int line) {
        insn.line = line;
        method.code.add(insn);
        return insn;
    }

    private Insn emit(Meth method, int opcode, int line) {
        return emit(method, new Insn(opcode), line);
    }

    private void refuse(Meth method, int line, String what) {
        problems.add(IntNarrowing.message(method.where, what, line));
    }

    private void translate(Meth method, AbstractInsnNode insn, int line) {
        int opcode = insn.getOpcode();
        String name = IntNarrowing.opcodeName(opcode);
        switch (opcode) {
            case Opcodes.NOP -> emit(method, JcOpcodes.NOP, line);
            case Opcodes.ACONST_NULL -> emit(method, JcOpcodes.ACONST_NULL, line);
            case Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2, Opcodes.ICONST_3, Opcodes.ICONST_4,
                    Opcodes.ICONST_5 -> emit(method, JcOpcodes.SCONST_0 + (opcode - Opcodes.ICONST_0), line);
            case Opcodes.BIPUSH, Opcodes.SIPUSH -> pushConstant(method, ((IntInsnNode) insn).operand, line);
            case Opcodes.LDC -> {
                Object value = ((LdcInsnNode) insn).cst;
                if (value instanceof Integer number) {
                    pushConstant(method, (short) number.intValue(), line);
                } else {
                    refuse(method, line, "LDC of a " + value.getClass().getSimpleName() + " has no Java Card equivalent");
                }
            }
            case Opcodes.ILOAD, Opcodes.ALOAD, Opcodes.ISTORE, Opcodes.ASTORE -> {
                int index = ((VarInsnNode) insn).var;
                boolean reference = opcode == Opcodes.ALOAD || opcode == Opcodes.ASTORE;
                boolean load = opcode == Opcodes.ILOAD || opcode == Opcodes.ALOAD;
                if (index > 255) {
                    refuse(method, line, "local variable " + index + " beyond 255");
                } else if (index <= 3) {
                    int base = load ? (reference ? JcOpcodes.ALOAD_0 : JcOpcodes.SLOAD_0) : (reference ? JcOpcodes.ASTORE_0 : JcOpcodes.SSTORE_0);
                    emit(method, base + index, line);
                } else {
                    int base = load ? (reference ? JcOpcodes.ALOAD : JcOpcodes.SLOAD) : (reference ? JcOpcodes.ASTORE : JcOpcodes.SSTORE);
                    emit(method, base, line).operand = index;
                }
            }
            case Opcodes.AALOAD -> emit(method, JcOpcodes.AALOAD, line);
            case Opcodes.BALOAD -> emit(method, JcOpcodes.BALOAD, line);
            case Opcodes.SALOAD -> emit(method, JcOpcodes.SALOAD, line);
            case Opcodes.AASTORE -> emit(method, JcOpcodes.AASTORE, line);
            case Opcodes.BASTORE -> emit(method, JcOpcodes.BASTORE, line);
            case Opcodes.SASTORE -> emit(method, JcOpcodes.SASTORE, line);
            case Opcodes.POP -> emit(method, JcOpcodes.POP, line);
            case Opcodes.POP2 -> emit(method, JcOpcodes.POP2, line);
            case Opcodes.DUP -> emit(method, JcOpcodes.DUP, line);
            case Opcodes.DUP2 -> emit(method, JcOpcodes.DUP2, line);
            case Opcodes.DUP_X1 -> emit(method, JcOpcodes.DUP_X, line).operand = 0x12;
            case Opcodes.DUP_X2 -> emit(method, JcOpcodes.DUP_X, line).operand = 0x13;
            case Opcodes.DUP2_X1 -> emit(method, JcOpcodes.DUP_X, line).operand = 0x23;
            case Opcodes.DUP2_X2 -> emit(method, JcOpcodes.DUP_X, line).operand = 0x24;
            case Opcodes.SWAP -> emit(method, JcOpcodes.SWAP_X, line).operand = 0x11;
            case Opcodes.IADD -> emit(method, JcOpcodes.SADD, line);
            case Opcodes.ISUB -> emit(method, JcOpcodes.SSUB, line);
            case Opcodes.IMUL -> emit(method, JcOpcodes.SMUL, line);
            case Opcodes.IDIV -> emit(method, JcOpcodes.SDIV, line);
            case Opcodes.IREM -> emit(method, JcOpcodes.SREM, line);
            case Opcodes.INEG -> emit(method, JcOpcodes.SNEG, line);
            case Opcodes.ISHL -> emit(method, JcOpcodes.SSHL, line);
            case Opcodes.ISHR -> emit(method, JcOpcodes.SSHR, line);
            case Opcodes.IAND -> emit(method, JcOpcodes.SAND, line);
            case Opcodes.IOR -> emit(method, JcOpcodes.SOR, line);
            case Opcodes.IXOR -> emit(method, JcOpcodes.SXOR, line);
            case Opcodes.IUSHR -> {
                // reported by IntNarrowing
            }
            case Opcodes.I2B -> emit(method, JcOpcodes.S2B, line);
            case Opcodes.I2S -> {
                // every value is 16 bits already: the narrowing is what sadd & co. did
            }
            case Opcodes.IINC -> {
                IincInsnNode iinc = (IincInsnNode) insn;
                boolean small = iinc.incr >= Byte.MIN_VALUE && iinc.incr <= Byte.MAX_VALUE;
                Insn sinc = emit(method, small ? JcOpcodes.SINC : JcOpcodes.SINC_W, line);
                sinc.operand = iinc.var;
                sinc.operand2 = iinc.incr;
            }
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE ->
                    branch(method, JcOpcodes.IFEQ + (opcode - Opcodes.IFEQ), insn, line);
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE ->
                    branch(method, JcOpcodes.IF_SCMPEQ + (opcode - Opcodes.IF_ICMPEQ), insn, line);
            case Opcodes.IF_ACMPEQ -> branch(method, JcOpcodes.IF_ACMPEQ, insn, line);
            case Opcodes.IF_ACMPNE -> branch(method, JcOpcodes.IF_ACMPNE, insn, line);
            case Opcodes.IFNULL -> branch(method, JcOpcodes.IFNULL, insn, line);
            case Opcodes.IFNONNULL -> branch(method, JcOpcodes.IFNONNULL, insn, line);
            case Opcodes.GOTO -> branch(method, JcOpcodes.GOTO, insn, line);
            case Opcodes.TABLESWITCH -> {
                TableSwitchInsnNode table = (TableSwitchInsnNode) insn;
                if (table.min < Short.MIN_VALUE || table.max > Short.MAX_VALUE) {
                    refuse(method, line, "TABLESWITCH keys beyond the short range");
                }
                Insn jc = emit(method, JcOpcodes.STABLESWITCH, line);
                jc.target = table.dflt;
                jc.targets = table.labels.toArray(new LabelNode[0]);
                jc.low = table.min;
            }
            case Opcodes.LOOKUPSWITCH -> {
                LookupSwitchInsnNode lookup = (LookupSwitchInsnNode) insn;
                Insn jc = emit(method, JcOpcodes.SLOOKUPSWITCH, line);
                jc.target = lookup.dflt;
                jc.targets = lookup.labels.toArray(new LabelNode[0]);
                jc.keys = lookup.keys.stream().mapToInt(Integer::intValue).toArray();
                for (int key : jc.keys) {
                    if (key < Short.MIN_VALUE || key > Short.MAX_VALUE) {
                        refuse(method, line, "LOOKUPSWITCH key " + key + " beyond the short range");
                    }
                }
            }
            case Opcodes.IRETURN -> emit(method, JcOpcodes.SRETURN, line);
            case Opcodes.ARETURN -> emit(method, JcOpcodes.ARETURN, line);
            case Opcodes.RETURN -> emit(method, JcOpcodes.RETURN, line);
            case Opcodes.ARRAYLENGTH -> emit(method, JcOpcodes.ARRAYLENGTH, line);
            case Opcodes.ATHROW -> emit(method, JcOpcodes.ATHROW, line);
            case Opcodes.GETFIELD, Opcodes.PUTFIELD -> {
                FieldInsnNode field = (FieldInsnNode) insn;
                if (!classes.containsKey(field.owner)) {
                    refuse(method, line, name + " " + field.owner + "." + field.name + ": instance field outside the package");
                    return;
                }
                int base = opcode == Opcodes.GETFIELD ? JcOpcodes.GETFIELD_A : JcOpcodes.PUTFIELD_A;
                Insn jc = emit(method, base + fieldKind(method, field, line), line);
                jc.cp = instanceFieldRef(method, field, line);
            }
            case Opcodes.GETSTATIC, Opcodes.PUTSTATIC -> {
                FieldInsnNode field = (FieldInsnNode) insn;
                refuse(method, line, name + " " + field.owner + "." + field.name
                        + ": static fields other than compile-time constants are not supported yet");
            }
            case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL, Opcodes.INVOKESTATIC, Opcodes.INVOKEINTERFACE ->
                    invoke(method, (MethodInsnNode) insn, line);
            case Opcodes.NEW -> emit(method, JcOpcodes.NEW, line).cp = use(classRef(((TypeInsnNode) insn).desc), method, line);
            case Opcodes.ANEWARRAY -> {
                String element = ((TypeInsnNode) insn).desc;
                if (element.startsWith("[")) {
                    refuse(method, line, "arrays of arrays have no Java Card equivalent");
                    return;
                }
                emit(method, JcOpcodes.ANEWARRAY, line).cp = use(classRef(element), method, line);
            }
            case Opcodes.NEWARRAY -> {
                int type = ((IntInsnNode) insn).operand;
                int atype = switch (type) {
                    case Opcodes.T_BOOLEAN -> JcOpcodes.T_BOOLEAN;
                    case Opcodes.T_BYTE -> JcOpcodes.T_BYTE;
                    case Opcodes.T_SHORT -> JcOpcodes.T_SHORT;
                    default -> -1;
                };
                if (atype < 0) {
                    refuse(method, line, "NEWARRAY of a type Java Card lacks (" + type + ")");
                    return;
                }
                emit(method, JcOpcodes.NEWARRAY, line).operand = atype;
            }
            case Opcodes.CHECKCAST, Opcodes.INSTANCEOF -> {
                String desc = ((TypeInsnNode) insn).desc;
                Insn jc = emit(method, opcode == Opcodes.CHECKCAST ? JcOpcodes.CHECKCAST : JcOpcodes.INSTANCEOF, line);
                if (desc.startsWith("[")) {
                    Type element = Type.getType(desc).getElementType();
                    switch (element.getSort()) {
                        case Type.BOOLEAN -> jc.operand = JcOpcodes.T_BOOLEAN;
                        case Type.BYTE -> jc.operand = JcOpcodes.T_BYTE;
                        case Type.SHORT -> jc.operand = JcOpcodes.T_SHORT;
                        case Type.OBJECT -> {
                            jc.operand = JcOpcodes.T_REFERENCE;
                            jc.cp = use(classRef(element.getInternalName()), method, line);
                        }
                        default -> refuse(method, line, name + " " + desc + " has no Java Card equivalent");
                    }
                } else {
                    jc.operand = 0;
                    jc.cp = use(classRef(desc), method, line);
                }
            }
            default -> refuse(method, line, name + " has no Java Card equivalent");
        }
    }

    private void pushConstant(Meth method, int value, int line) {
        if (value >= -1 && value <= 5) {
            emit(method, JcOpcodes.SCONST_0 + value, line);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            emit(method, JcOpcodes.BSPUSH, line).operand = value;
        } else {
            emit(method, JcOpcodes.SSPUSH, line).operand = value;
        }
    }

    private void branch(Meth method, int opcode, AbstractInsnNode insn, int line) {
        emit(method, opcode, line).target = ((JumpInsnNode) insn).label;
    }

    /** 0 reference, 1 byte or boolean, 2 short: the offset from the _a form of the field instructions. */
    private int fieldKind(Meth method, FieldInsnNode field, int line) {
        return switch (Type.getType(field.desc).getSort()) {
            case Type.OBJECT, Type.ARRAY -> 0;
            case Type.BOOLEAN, Type.BYTE -> 1;
            case Type.SHORT -> 2;
            default -> {
                refuse(method, line, "field " + field.name + " of type " + field.desc + " has no Java Card equivalent");
                yield 2;
            }
        };
    }

    private CpKey instanceFieldRef(Meth method, FieldInsnNode field, int line) {
        for (Cls type = classes.get(field.owner); type != null; type = type.superCls) {
            if (type.fieldTokens.containsKey(field.name)) {
                return use(new CpKey(CP_INSTANCE_FIELD, type.name, field.name, field.desc), method, line);
            }
        }
        refuse(method, line, "field " + field.owner + "." + field.name + " not found");
        return null;
    }

    private CpKey classRef(String internalName) {
        return new CpKey(CP_CLASS, internalName, null, null);
    }

    private CpKey use(CpKey key, Meth method, int line) {
        if (key.cls() != null && !classes.containsKey(key.cls()) && api.apiClass(key.cls()).isEmpty()) {
            refuse(method, line, "class " + key.cls() + " is neither in the package nor in the Java Card API");
        }
        if (!cpIndex.containsKey(key)) {
            cpIndex.put(key, -1);
            constantPool.add(key);
        }
        return key;
    }

    private void invoke(Meth method, MethodInsnNode call, int line) {
        String member = call.owner + "." + call.name + call.desc;
        Cls own = classes.get(call.owner);
        switch (call.getOpcode()) {
            case Opcodes.INVOKESTATIC -> {
                Cls declaring = own;
                while (declaring != null && declaring.method(call.name + call.desc) == null) {
                    declaring = declaring.superCls;
                }
                if (declaring != null) {
                    emit(method, JcOpcodes.INVOKESTATIC, line).cp = use(new CpKey(CP_STATIC_METHOD, declaring.name, call.name, call.desc), method, line);
                } else {
                    ApiMember target = api.method(call.owner, call.name, call.desc).orElse(null);
                    if (target == null || target.kind() != ApiMember.Kind.STATIC_METHOD) {
                        refuse(method, line, "INVOKESTATIC " + member + " is not a static method of the Java Card 3.0.4 API");
                        return;
                    }
                    String declaringApi = api.declaringClass(call.owner, call.name, call.desc).orElseThrow().name();
                    emit(method, JcOpcodes.INVOKESTATIC, line).cp = use(new CpKey(CP_STATIC_METHOD, declaringApi, call.name, call.desc), method, line);
                }
            }
            case Opcodes.INVOKESPECIAL -> {
                if (own != null) {
                    Meth target = own.method(call.name + call.desc);
                    boolean direct = call.name.equals("<init>") || (target != null && (target.node.access & Opcodes.ACC_PRIVATE) != 0);
                    if (!direct) {
                        refuse(method, line, "INVOKESPECIAL " + member + ": calls of super.method() are not supported yet");
                        return;
                    }
                    requireOwnMethod(method, line, own, call);
                    emit(method, JcOpcodes.INVOKESPECIAL, line).cp = use(new CpKey(CP_STATIC_METHOD, call.owner, call.name, call.desc), method, line);
                } else if (call.name.equals("<init>")) {
                    ApiMember target = api.apiClass(call.owner).map(c -> c.members().get(call.name + call.desc)).orElse(null);
                    if (target == null) {
                        refuse(method, line, "INVOKESPECIAL " + member + " is not a constructor of the Java Card 3.0.4 API");
                        return;
                    }
                    emit(method, JcOpcodes.INVOKESPECIAL, line).cp = use(new CpKey(CP_STATIC_METHOD, call.owner, call.name, call.desc), method, line);
                } else {
                    refuse(method, line, "INVOKESPECIAL " + member + ": calls of super.method() are not supported yet");
                }
            }
            case Opcodes.INVOKEVIRTUAL -> {
                Integer token = own != null ? own.publicTokens.get(call.name + call.desc) : null;
                if (own != null && token == null) {
                    token = own.packageTokens.get(call.name + call.desc);
                }
                if (own == null) {
                    ApiMember target = api.method(call.owner, call.name, call.desc).orElse(null);
                    if (target == null || target.kind() != ApiMember.Kind.VIRTUAL_METHOD) {
                        refuse(method, line, "INVOKEVIRTUAL " + member + " is not a virtual method of the Java Card 3.0.4 API");
                        return;
                    }
                } else if (token == null) {
                    refuse(method, line, "INVOKEVIRTUAL " + member + ": no such virtual method");
                    return;
                }
                // the Virtual Methodref names a class that declares the method (JCVM 6.7.2), not the receiver's
                emit(method, JcOpcodes.INVOKEVIRTUAL, line).cp = use(
                        new CpKey(CP_VIRTUAL_METHOD, declaringClass(call.owner, call.name, call.desc), call.name, call.desc), method, line);
            }
            case Opcodes.INVOKEINTERFACE -> {
                ApiMember target = api.method(call.owner, call.name, call.desc).orElse(null);
                if (own != null || target == null || !api.apiClass(call.owner).orElseThrow().isInterface()) {
                    refuse(method, line, "INVOKEINTERFACE " + member + " is not an interface method of the Java Card 3.0.4 API");
                    return;
                }
                Insn jc = emit(method, JcOpcodes.INVOKEINTERFACE, line);
                jc.cp = use(classRef(call.owner), method, line);
                jc.operand = 1 + (Type.getArgumentsAndReturnSizes(call.desc) >> 2) - 1;
                jc.operand2 = target.token();
            }
            default -> throw new IllegalStateException();
        }
    }

    /** The class in the package, or else in the API, that declares a virtual method seen from {@code owner}. */
    private String declaringClass(String owner, String name, String desc) {
        Cls type = classes.get(owner);
        String apiOwner = owner;
        for (; type != null; type = type.superCls) {
            Meth declared = type.method(name + desc);
            if (declared != null && declared.isVirtual()) {
                return type.name;
            }
            apiOwner = type.node.superName;
        }
        return api.declaringClass(apiOwner, name, desc).map(ApiClass::name).orElse(owner);
    }

    private void requireOwnMethod(Meth method, int line, Cls own, MethodInsnNode call) {
        if (own.method(call.name + call.desc) == null) {
            refuse(method, line, IntNarrowing.opcodeName(call.getOpcode()) + " " + call.owner + "." + call.name + call.desc
                    + ": not declared in " + own.simpleName() + " (inherited static methods are not supported yet)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // constant pool, imports

    /** Instance field references first: getfield and putfield carry a one-byte index. */
    private void buildConstantPool() {
        List<CpKey> sorted = new ArrayList<>(constantPool);
        sorted.sort(Comparator.comparingInt(key -> key.tag() == CP_INSTANCE_FIELD ? 0 : 1));
        // a catch type must not be entry 0: catch_type_index 0 means "any exception"
        if (sorted.size() > 1 && catchTypes.contains(sorted.get(0))) {
            sorted.add(1, sorted.remove(0));
        }
        constantPool.clear();
        constantPool.addAll(sorted);
        for (int i = 0; i < constantPool.size(); i++) {
            cpIndex.put(constantPool.get(i), i);
        }
        if (constantPool.size() > 0xFFFF) {
            problems.add("more than 65535 constant pool entries");
        }
    }

    /** The API packages the CAP refers to, in the order of the token resource. */
    private void collectImports() {
        Set<String> used = new LinkedHashSet<>();
        for (CpKey key : constantPool) {
            addExternal(used, key.cls());
            if (key.desc() != null) {
                addTypeClasses(used, key.desc());
            }
        }
        for (Cls type : order) {
            addExternal(used, type.node.superName);
            for (Meth method : type.methods) {
                addTypeClasses(used, method.node.desc);
            }
            for (FieldNode field : type.node.fields) {
                addTypeClasses(used, field.desc);
            }
        }
        for (ApiPackage apiPackage : api.packages().values()) {
            if (used.contains(apiPackage.name())) {
                imports.add(apiPackage);
            }
        }
    }

    private void addTypeClasses(Set<String> used, String desc) {
        Type type = Type.getType(desc);
        List<Type> types = new ArrayList<>();
        if (type.getSort() == Type.METHOD) {
            types.addAll(List.of(type.getArgumentTypes()));
            types.add(type.getReturnType());
        } else {
            types.add(type);
        }
        for (Type each : types) {
            Type element = each.getSort() == Type.ARRAY ? each.getElementType() : each;
            if (element.getSort() == Type.OBJECT) {
                addExternal(used, element.getInternalName());
            }
        }
    }

    private void addExternal(Set<String> used, String cls) {
        if (cls != null && !classes.containsKey(cls)) {
            api.packageOf(cls).ifPresent(p -> used.add(p.name()));
        }
    }

    private int packageToken(String cls) {
        ApiPackage apiPackage = api.packageOf(cls).orElseThrow(() -> new IllegalStateException("no API package for " + cls));
        return imports.indexOf(apiPackage);
    }

    /** A class_ref: the offset in the Class component, or (package token | 0x80, class token). */
    private int classRefValue(String cls) {
        Cls own = classes.get(cls);
        if (own != null) {
            return own.offset;
        }
        ApiClass external = api.apiClass(cls).orElseThrow(() -> new IllegalStateException("unknown class " + cls));
        return ((0x80 | packageToken(cls)) << 8) | external.token();
    }

    // ---------------------------------------------------------------------------------------------
    // Method component

    private List<Handler> layoutMethods() {
        List<Handler> handlers = new ArrayList<>();
        for (Cls type : order) {
            for (Meth method : type.methods) {
                if (!method.isAbstract()) {
                    layoutCode(method);
                    method.handlerIndex = handlers.size();
                    List<Handler> own = new ArrayList<>();
                    for (TryCatchBlockNode block : method.node.tryCatchBlocks) {
                        own.add(new Handler(method, method.labels.get(block.start), method.labels.get(block.end),
                                method.labels.get(block.handler), block.type == null ? null : classRef(block.type)));
                    }
                    // the VM takes the first match: ascending handler offsets (stable), as the JCVM asks
                    own.sort(Comparator.comparingInt(h -> method.offsets[h.handler()]));
                    handlers.addAll(own);
                    method.handlerCount = handlers.size() - method.handlerIndex;
                }
            }
        }
        int offset = 1 + 8 * handlers.size();
        for (Cls type : order) {
            for (Meth method : type.methods) {
                method.offset = offset;
                boolean extended = method.maxStack > 15 || method.nargs > 15 || method.maxLocals > 15;
                method.codeStart = offset + (extended ? 4 : 2);
                offset = method.codeStart + method.bytecode.length;
            }
        }
        if (offset > 0xFFFF) {
            problems.add("the Method component would have " + offset + " bytes, more than 65535");
        }
        return handlers;
    }

    private static int size(Insn insn) {
        JcOpcodes.Format format = JcOpcodes.format(insn.opcode);
        return switch (format) {
            case TABLESWITCH -> 7 + 2 * insn.targets.length;
            case LOOKUPSWITCH -> 5 + 4 * insn.keys.length;
            case BRANCH_BYTE -> insn.wide ? 3 : 2;
            default -> 1 + format.operandLength;
        };
    }

    private static int wideForm(int opcode) {
        return opcode == JcOpcodes.GOTO ? JcOpcodes.GOTO_W : opcode + (JcOpcodes.IFEQ_W - JcOpcodes.IFEQ);
    }

    /** Offsets of the instructions, branches made wide where a one-byte offset does not reach. */
    private void layoutCode(Meth method) {
        List<Insn> code = method.code;
        int[] offsets = new int[code.size() + 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            int at = 0;
            for (int i = 0; i < code.size(); i++) {
                offsets[i] = at;
                at += size(code.get(i));
            }
            offsets[code.size()] = at;
            for (int i = 0; i < code.size(); i++) {
                Insn insn = code.get(i);
                if (JcOpcodes.format(insn.opcode) == JcOpcodes.Format.BRANCH_BYTE && !insn.wide) {
                    int delta = offsets[method.labels.get(insn.target)] - offsets[i];
                    if (delta < Byte.MIN_VALUE || delta > Byte.MAX_VALUE) {
                        insn.wide = true;
                        changed = true;
                    }
                }
            }
        }
        method.offsets = offsets;
        if (offsets[code.size()] > Short.MAX_VALUE) {
            problems.add(method.where + ": " + offsets[code.size()] + " bytes of bytecode, more than 32767");
        }
        method.bytecode = new byte[offsets[code.size()]];
    }

    private int target(Meth method, LabelNode label, int from) {
        return method.offsets[method.labels.get(label)] - from;
    }

    private byte[] methodComponent(List<Handler> handlers, ByteSink refs1, ByteSink refs2) {
        ByteSink info = new ByteSink();
        List<Integer> byteRefs = new ArrayList<>();
        List<Integer> shortRefs = new ArrayList<>();
        info.u1(handlers.size());
        for (int i = 0; i < handlers.size(); i++) {
            Handler handler = handlers.get(i);
            Meth method = handler.method();
            int start = method.codeStart + method.offsets[handler.start()];
            int end = method.codeStart + method.offsets[handler.end()];
            boolean last = true;
            for (int j = i + 1; j < handlers.size() && handlers.get(j).method() == method; j++) {
                Handler later = handlers.get(j);
                if (later.start() <= handler.start() && later.end() >= handler.end()) {
                    last = false;
                }
            }
            info.u2(start).u2((last ? 0x8000 : 0) | (end - start)).u2(method.codeStart + method.offsets[handler.handler()]);
            if (handler.catchType() != null) {
                shortRefs.add(info.position());
                info.u2(cpIndex.get(handler.catchType()));
            } else {
                info.u2(0); // finally: not a constant pool index
            }
        }
        for (Cls type : order) {
            for (Meth method : type.methods) {
                if (info.position() != method.offset) {
                    throw new IllegalStateException("layout of " + method.where);
                }
                int flags = method.isAbstract() ? ACC_ABSTRACT_HEADER : 0;
                int stack = method.isAbstract() ? 0 : method.maxStack;
                int locals = method.isAbstract() ? 0 : method.maxLocals;
                if (method.codeStart - method.offset == 4) {
                    info.u1((flags | ACC_EXTENDED) << 4).u1(stack).u1(method.nargs).u1(locals);
                } else {
                    info.u1((flags << 4) | stack).u1((method.nargs << 4) | locals);
                }
                for (int i = 0; i < method.code.size(); i++) {
                    encode(method, i, info, byteRefs, shortRefs);
                }
            }
        }
        encodeRefs(byteRefs, refs1);
        encodeRefs(shortRefs, refs2);
        return ByteSink.component(CapFile.METHOD, info.toByteArray());
    }

    private void encode(Meth method, int index, ByteSink out, List<Integer> byteRefs, List<Integer> shortRefs) {
        Insn insn = method.code.get(index);
        int at = method.offsets[index];
        int opcode = insn.opcode;
        JcOpcodes.Format format = JcOpcodes.format(opcode);
        if (format == JcOpcodes.Format.BRANCH_BYTE && insn.wide) {
            opcode = wideForm(opcode);
            format = JcOpcodes.Format.BRANCH_SHORT;
        }
        int start = out.position();
        out.u1(opcode);
        String name = JcOpcodes.name(opcode);
        bytecodes.merge(name, 1, Integer::sum);
        switch (format) {
            case NONE -> {
            }
            case BYTE, LOCAL, ATYPE, MN -> out.u1(insn.operand & 0xFF);
            case SHORT -> out.u2(insn.operand & 0xFFFF);
            case LOCAL_BYTE -> out.u1(insn.operand).u1(insn.operand2 & 0xFF);
            case LOCAL_SHORT -> out.u1(insn.operand).u2(insn.operand2 & 0xFFFF);
            case CP_BYTE -> {
                int cp = cpIndex.get(insn.cp);
                if (cp > 0xFF) {
                    throw new IllegalStateException(method.where + ": field reference index " + cp + " beyond 255");
                }
                byteRefs.add(out.position());
                out.u1(cp);
            }
            case CP_SHORT -> {
                shortRefs.add(out.position());
                out.u2(cpIndex.get(insn.cp));
            }
            case INTERFACE -> {
                out.u1(insn.operand);
                shortRefs.add(out.position());
                out.u2(cpIndex.get(insn.cp)).u1(insn.operand2);
            }
            case ATYPE_CP -> {
                out.u1(insn.operand);
                if (insn.cp != null) {
                    shortRefs.add(out.position());
                    out.u2(cpIndex.get(insn.cp));
                } else {
                    out.u2(0);
                }
            }
            case BRANCH_BYTE -> out.u1(target(method, insn.target, at) & 0xFF);
            case BRANCH_SHORT -> out.u2(target(method, insn.target, at) & 0xFFFF);
            case TABLESWITCH -> {
                out.u2(target(method, insn.target, at) & 0xFFFF).u2(insn.low & 0xFFFF).u2((insn.low + insn.targets.length - 1) & 0xFFFF);
                for (LabelNode label : insn.targets) {
                    out.u2(target(method, label, at) & 0xFFFF);
                }
            }
            case LOOKUPSWITCH -> {
                out.u2(target(method, insn.target, at) & 0xFFFF).u2(insn.keys.length);
                for (int i = 0; i < insn.keys.length; i++) {
                    out.u2(insn.keys[i] & 0xFFFF).u2(target(method, insn.targets[i], at) & 0xFFFF);
                }
            }
            default -> throw new IllegalStateException("format " + format);
        }
        if (out.position() - start != size(insn)) {
            throw new IllegalStateException(method.where + ": " + name + " encoded in " + (out.position() - start) + " bytes");
        }
    }

    /** RefLocation offsets: distances from the previous location, 255 meaning "255 further, read on". */
    private static void encodeRefs(List<Integer> locations, ByteSink out) {
        int previous = 0;
        for (int location : locations) {
            int delta = location - previous;
            while (delta >= 255) {
                out.u1(255);
                delta -= 255;
            }
            out.u1(delta);
            previous = location;
        }
    }

    private byte[] refLocationComponent(byte[] byteIndices, byte[] shortIndices) {
        return ByteSink.component(CapFile.REFERENCE_LOCATION, new ByteSink()
                .u2(byteIndices.length).bytes(byteIndices).u2(shortIndices.length).bytes(shortIndices).toByteArray());
    }

    // ---------------------------------------------------------------------------------------------
    // Class component

    private static int classInfoSize(Cls type) {
        return 1 + 2 + 3 + 4 + 2 * tableCount(type, false) + 2 * tableCount(type, true);
    }

    /** Lowest token of a method this class defines (or overrides), in the public or package table. */
    private static int tableBase(Cls type, boolean packageTable) {
        int base = packageTable ? type.packageCount : type.publicCount;
        for (Meth method : type.methods) {
            if (method.isVirtual() && method.packageVisible == packageTable) {
                base = Math.min(base, method.virtualToken);
            }
        }
        return base;
    }

    private static int tableCount(Cls type, boolean packageTable) {
        return (packageTable ? type.packageCount : type.publicCount) - tableBase(type, packageTable);
    }

    private void layoutClasses() {
        int offset = 0; // CAP format 2.1: no signature pool (since 2.2, for remote interfaces)
        for (Cls type : order) {
            type.offset = offset;
            offset += classInfoSize(type);
        }
    }

    /** The method offset of the implementation of a token seen from a class, or 0xFFFF if it is outside the package. */
    private static int implementation(Cls type, int token, boolean packageTable) {
        for (Cls each = type; each != null; each = each.superCls) {
            for (Meth method : each.methods) {
                if (method.isVirtual() && method.packageVisible == packageTable && method.virtualToken == token) {
                    return method.offset;
                }
            }
        }
        return 0xFFFF;
    }

    private byte[] classComponent() {
        ByteSink info = new ByteSink();
        for (Cls type : order) {
            if (info.position() != type.offset) {
                throw new IllegalStateException("layout of " + type.name);
            }
            info.u1(0); // flags (not interface, shareable or remote) and interface_count 0
            info.u2(classRefValue(type.node.superName));
            int cells = type.instanceFields.size();
            info.u1(cells);
            info.u1(type.firstReference);
            info.u1(type.referenceCount);
            int publicBase = tableBase(type, false);
            int packageBase = tableBase(type, true);
            info.u1(publicBase).u1(tableCount(type, false)).u1(packageBase).u1(tableCount(type, true));
            for (int token = publicBase; token < type.publicCount; token++) {
                info.u2(implementation(type, token, false));
            }
            for (int token = packageBase; token < type.packageCount; token++) {
                info.u2(implementation(type, token, true));
            }
        }
        return ByteSink.component(CapFile.CLASS, info.toByteArray());
    }

    // ---------------------------------------------------------------------------------------------
    // ConstantPool component

    private byte[] constantPoolComponent() {
        ByteSink info = new ByteSink();
        info.u2(constantPool.size());
        for (CpKey key : constantPool) {
            info.u1(key.tag());
            Cls own = classes.get(key.cls());
            switch (key.tag()) {
                case CP_CLASS -> info.u2(classRefValue(key.cls())).u1(0);
                case CP_INSTANCE_FIELD -> info.u2(classRefValue(key.cls())).u1(own.fieldTokens.get(key.name()));
                case CP_VIRTUAL_METHOD -> {
                    String member = key.name() + key.desc();
                    if (own != null) {
                        Integer token = own.publicTokens.get(member);
                        int value = token != null ? token : 0x80 | own.packageTokens.get(member);
                        info.u2(classRefValue(key.cls())).u1(value);
                    } else {
                        info.u2(classRefValue(key.cls())).u1(api.method(key.cls(), key.name(), key.desc()).orElseThrow().token());
                    }
                }
                case CP_STATIC_METHOD -> {
                    if (own != null) {
                        info.u1(0).u2(own.method(key.name() + key.desc()).offset);
                    } else {
                        ApiMember member = api.apiClass(key.cls()).orElseThrow().members().get(key.name() + key.desc());
                        info.u1(0x80 | packageToken(key.cls())).u1(api.apiClass(key.cls()).orElseThrow().token()).u1(member.token());
                    }
                }
                default -> throw new IllegalStateException("constant pool tag " + key.tag());
            }
        }
        return ByteSink.component(CapFile.CONSTANT_POOL, info.toByteArray());
    }

    // ---------------------------------------------------------------------------------------------
    // Header, Directory, Applet, Import

    private byte[] headerComponent() {
        // CAP format 2.1: no package_name (since 2.2, for remote interfaces)
        ByteSink info = new ByteSink()
                .u2(0xDECA).u2(0xFFED)
                .u1(1).u1(2) // CAP format 2.1
                .u1(settings.applets().isEmpty() ? 0 : 0x04) // ACC_APPLET
                .u1(settings.minor()).u1(settings.major()).u1(settings.packageAid().length).bytes(settings.packageAid());
        return ByteSink.component(CapFile.HEADER, info.toByteArray());
    }

    private byte[] directoryComponent(Map<Integer, byte[]> components) {
        ByteSink info = new ByteSink();
        // CAP format 2.1: eleven sizes, Header to Descriptor (the Debug component's size came with 2.2)
        for (int tag = 1; tag <= CapFile.DESCRIPTOR; tag++) {
            byte[] component = tag == CapFile.DIRECTORY ? null : components.get(tag);
            info.u2(tag == CapFile.DIRECTORY ? 2 * CapFile.DESCRIPTOR + 6 + 3 : component == null ? 0 : component.length - 3);
        }
        info.u2(0).u2(0).u2(0); // static field image: size, array_init_count, array_init_size
        info.u1(imports.size()).u1(settings.applets().size()).u1(0);
        return ByteSink.component(CapFile.DIRECTORY, info.toByteArray());
    }

    private byte[] appletComponent() {
        ByteSink info = new ByteSink().u1(settings.applets().size());
        for (AppletSpec applet : settings.applets()) {
            info.u1(applet.aid().length).bytes(applet.aid()).u2(classes.get(applet.className()).method("install([BSB)V").offset);
        }
        return ByteSink.component(CapFile.APPLET, info.toByteArray());
    }

    private byte[] importComponent() {
        ByteSink info = new ByteSink().u1(imports.size());
        for (ApiPackage apiPackage : imports) {
            info.u1(apiPackage.minor()).u1(apiPackage.major()).u1(apiPackage.aid().length).bytes(apiPackage.aid());
        }
        return ByteSink.component(CapFile.IMPORT, info.toByteArray());
    }

    // ---------------------------------------------------------------------------------------------
    // Descriptor component

    private byte[] descriptorComponent() {
        // type descriptors, shared by equal signatures; offsets from the start of type_descriptor_info
        Map<String, Integer> typeOffsets = new LinkedHashMap<>();
        ByteSink pool = new ByteSink();
        int poolStart = 2 + 2 * constantPool.size();
        List<String> signatures = new ArrayList<>();
        for (CpKey key : constantPool) {
            if (key.desc() != null) {
                signatures.add(key.desc());
            }
        }
        for (Cls type : order) {
            for (FieldNode field : type.instanceFields) {
                if (Type.getType(field.desc).getSort() >= Type.ARRAY) {
                    signatures.add(field.desc);
                }
            }
            for (Meth method : type.methods) {
                signatures.add(method.node.desc);
            }
        }
        for (String signature : signatures) {
            if (!typeOffsets.containsKey(signature)) {
                typeOffsets.put(signature, poolStart + pool.position());
                pool.bytes(typeDescriptor(signature));
            }
        }

        ByteSink info = new ByteSink();
        info.u1(order.size());
        for (Cls type : order) {
            int access = type.node.access;
            int flags = ((access & Opcodes.ACC_PUBLIC) != 0 ? 0x01 : 0) | ((access & Opcodes.ACC_FINAL) != 0 ? 0x10 : 0)
                    | ((access & Opcodes.ACC_INTERFACE) != 0 ? 0x40 : 0) | ((access & Opcodes.ACC_ABSTRACT) != 0 ? 0x80 : 0);
            info.u1(type.token).u1(flags).u2(type.offset).u1(0).u2(type.instanceFields.size()).u2(type.methods.size());
            for (FieldNode field : type.instanceFields) {
                info.u1(type.fieldTokens.get(field.name)).u1(memberFlags(field.access, false, false));
                info.u2(type.offset).u1(type.fieldTokens.get(field.name));
                int primitive = switch (Type.getType(field.desc).getSort()) {
                    case Type.BOOLEAN -> 0x8002;
                    case Type.BYTE -> 0x8003;
                    case Type.SHORT -> 0x8004;
                    default -> -1;
                };
                info.u2(primitive >= 0 ? primitive : typeOffsets.get(field.desc));
            }
            for (Meth method : type.methods) {
                int token = method.isVirtual() ? (method.packageVisible ? 0x80 | method.virtualToken : method.virtualToken) : method.staticToken;
                info.u1(token).u1(memberFlags(method.node.access, method.node.name.equals("<init>"), method.isAbstract()));
                info.u2(method.offset).u2(typeOffsets.get(method.node.desc))
                        .u2(method.bytecode.length).u2(method.handlerCount).u2(method.handlerCount == 0 ? 0 : method.handlerIndex);
            }
        }
        info.u2(constantPool.size());
        for (CpKey key : constantPool) {
            info.u2(key.desc() == null ? 0xFFFF : typeOffsets.get(key.desc()));
        }
        info.bytes(pool.toByteArray());
        return ByteSink.component(CapFile.DESCRIPTOR, info.toByteArray());
    }

    private static int memberFlags(int access, boolean init, boolean isAbstract) {
        return ((access & Opcodes.ACC_PUBLIC) != 0 ? 0x01 : 0) | ((access & Opcodes.ACC_PRIVATE) != 0 ? 0x02 : 0)
                | ((access & Opcodes.ACC_PROTECTED) != 0 ? 0x04 : 0) | ((access & Opcodes.ACC_STATIC) != 0 ? 0x08 : 0)
                | ((access & Opcodes.ACC_FINAL) != 0 ? 0x10 : 0) | (isAbstract ? 0x40 : 0) | (init ? 0x80 : 0);
    }

    /** A type_descriptor: nibble count, then the nibbles (parameters, then the return type). */
    private byte[] typeDescriptor(String desc) {
        List<Integer> nibbles = new ArrayList<>();
        Type type = Type.getType(desc);
        if (type.getSort() == Type.METHOD) {
            for (Type argument : type.getArgumentTypes()) {
                nibbles(argument, nibbles);
            }
            nibbles(type.getReturnType(), nibbles);
        } else {
            nibbles(type, nibbles);
        }
        ByteSink out = new ByteSink().u1(nibbles.size());
        for (int i = 0; i < nibbles.size(); i += 2) {
            out.u1((nibbles.get(i) << 4) | (i + 1 < nibbles.size() ? nibbles.get(i + 1) : 0));
        }
        return out.toByteArray();
    }

    private void nibbles(Type type, List<Integer> nibbles) {
        switch (type.getSort()) {
            case Type.VOID -> nibbles.add(0x1);
            case Type.BOOLEAN -> nibbles.add(0x2);
            case Type.BYTE -> nibbles.add(0x3);
            case Type.SHORT -> nibbles.add(0x4);
            case Type.INT -> nibbles.add(0x5);
            case Type.OBJECT -> {
                nibbles.add(0x6);
                classNibbles(type.getInternalName(), nibbles);
            }
            case Type.ARRAY -> {
                Type element = type.getElementType();
                switch (element.getSort()) {
                    case Type.BOOLEAN -> nibbles.add(0xA);
                    case Type.BYTE -> nibbles.add(0xB);
                    case Type.SHORT -> nibbles.add(0xC);
                    case Type.INT -> nibbles.add(0xD);
                    default -> {
                        nibbles.add(0xE);
                        classNibbles(element.getInternalName(), nibbles);
                    }
                }
            }
            default -> throw new IllegalStateException("type " + type);
        }
    }

    private void classNibbles(String cls, List<Integer> nibbles) {
        int ref = classRefValue(cls);
        for (int shift = 12; shift >= 0; shift -= 4) {
            nibbles.add((ref >> shift) & 0xF);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private String manifest() {
        StringBuilder text = new StringBuilder();
        line(text, "Manifest-Version", "1.0");
        line(text, "Created-By", "ValueKiosk CAP converter");
        line(text, "Java-Card-CAP-File-Version", "2.1");
        line(text, "Java-Card-Package-Name", settings.packageName().replace('/', '.'));
        line(text, "Java-Card-Package-Version", settings.major() + "." + settings.minor());
        line(text, "Java-Card-Package-AID", manifestAid(settings.packageAid()));
        int number = 1;
        for (AppletSpec applet : settings.applets()) {
            line(text, "Java-Card-Applet-" + number + "-Name", applet.className().substring(applet.className().lastIndexOf('/') + 1));
            line(text, "Java-Card-Applet-" + number + "-AID", manifestAid(applet.aid()));
            number++;
        }
        number = 1;
        for (ApiPackage apiPackage : imports) {
            line(text, "Java-Card-Imported-Package-" + number + "-AID", manifestAid(apiPackage.aid()));
            line(text, "Java-Card-Imported-Package-" + number + "-Version", apiPackage.version());
            number++;
        }
        line(text, "Java-Card-Integer-Support-Required", "FALSE");
        return text.append("\r\n").toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append(": ").append(value).append("\r\n");
    }

    private static String manifestAid(byte[] aid) {
        StringBuilder text = new StringBuilder();
        for (byte b : aid) {
            text.append(text.length() == 0 ? "" : ":").append(String.format("0x%02x", b & 0xFF));
        }
        return text.toString();
    }
}
