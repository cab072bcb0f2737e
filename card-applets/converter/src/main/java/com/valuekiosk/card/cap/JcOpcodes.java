package com.valuekiosk.card.cap;

/**
 * The Java Card virtual machine's instruction set (JCVM specification, chapter 7): opcodes, names
 * and operand layouts. The converter emits them, the dumper and verifier read them.
 */
public final class JcOpcodes {

    /** Operand layout after the opcode byte. */
    public enum Format {
        NONE(0), BYTE(1), SHORT(2), LOCAL(1), LOCAL_BYTE(2), LOCAL_SHORT(3), CP_BYTE(1), CP_SHORT(2),
        BRANCH_BYTE(1), BRANCH_SHORT(2), ATYPE(1), ATYPE_CP(3), INTERFACE(4), TABLESWITCH(-1), LOOKUPSWITCH(-1), MN(1);

        /** Operand bytes, or -1 for the switches, whose length depends on their table. */
        public final int operandLength;

        Format(int operandLength) {
            this.operandLength = operandLength;
        }
    }

    private static final String[] NAMES = new String[256];
    private static final Format[] FORMATS = new Format[256];

    public static final int NOP = 0x00, ACONST_NULL = 0x01, SCONST_M1 = 0x02, SCONST_0 = 0x03, BSPUSH = 0x10, SSPUSH = 0x11,
            ALOAD = 0x15, SLOAD = 0x16, ALOAD_0 = 0x18, SLOAD_0 = 0x1C, AALOAD = 0x24, BALOAD = 0x25, SALOAD = 0x26,
            ASTORE = 0x28, SSTORE = 0x29, ASTORE_0 = 0x2B, SSTORE_0 = 0x2F, AASTORE = 0x37, BASTORE = 0x38, SASTORE = 0x39,
            POP = 0x3B, POP2 = 0x3C, DUP = 0x3D, DUP2 = 0x3E, DUP_X = 0x3F, SWAP_X = 0x40,
            SADD = 0x41, SSUB = 0x43, SMUL = 0x45, SDIV = 0x47, SREM = 0x49, SNEG = 0x4B, SSHL = 0x4D, SSHR = 0x4F,
            SUSHR = 0x51, SAND = 0x53, SOR = 0x55, SXOR = 0x57, SINC = 0x59, S2B = 0x5B,
            IFEQ = 0x60, IFNULL = 0x66, IFNONNULL = 0x67, IF_ACMPEQ = 0x68, IF_ACMPNE = 0x69, IF_SCMPEQ = 0x6A, GOTO = 0x70,
            STABLESWITCH = 0x73, SLOOKUPSWITCH = 0x75, ARETURN = 0x77, SRETURN = 0x78, RETURN = 0x7A,
            GETSTATIC_A = 0x7B, PUTSTATIC_A = 0x7F, GETFIELD_A = 0x83, PUTFIELD_A = 0x87,
            INVOKEVIRTUAL = 0x8B, INVOKESPECIAL = 0x8C, INVOKESTATIC = 0x8D, INVOKEINTERFACE = 0x8E,
            NEW = 0x8F, NEWARRAY = 0x90, ANEWARRAY = 0x91, ARRAYLENGTH = 0x92, ATHROW = 0x93, CHECKCAST = 0x94, INSTANCEOF = 0x95,
            SINC_W = 0x96, IFEQ_W = 0x98, IFNULL_W = 0x9E, IFNONNULL_W = 0x9F, IF_ACMPEQ_W = 0xA0, IF_SCMPEQ_W = 0xA2, GOTO_W = 0xA8,
            GETFIELD_A_W = 0xA9, GETFIELD_A_THIS = 0xAD, PUTFIELD_A_W = 0xB1, PUTFIELD_A_THIS = 0xB5;

    /** newarray element types. */
    public static final int T_BOOLEAN = 10, T_BYTE = 11, T_SHORT = 12, T_INT = 13, T_REFERENCE = 14;

    static {
        op(0x00, "nop", Format.NONE);
        op(0x01, "aconst_null", Format.NONE);
        String[] consts = {"m1", "0", "1", "2", "3", "4", "5"};
        for (int i = 0; i < 7; i++) {
            op(0x02 + i, "sconst_" + consts[i], Format.NONE);
            op(0x09 + i, "iconst_" + consts[i], Format.NONE);
        }
        op(0x10, "bspush", Format.BYTE);
        op(0x11, "sspush", Format.SHORT);
        op(0x12, "bipush", Format.BYTE);
        op(0x13, "sipush", Format.SHORT);
        op(0x14, "iipush", Format.SHORT); // (iipush has 4 bytes; ints are refused anyway)
        op(0x15, "aload", Format.LOCAL);
        op(0x16, "sload", Format.LOCAL);
        op(0x17, "iload", Format.LOCAL);
        for (int i = 0; i < 4; i++) {
            op(0x18 + i, "aload_" + i, Format.NONE);
            op(0x1C + i, "sload_" + i, Format.NONE);
            op(0x20 + i, "iload_" + i, Format.NONE);
            op(0x2B + i, "astore_" + i, Format.NONE);
            op(0x2F + i, "sstore_" + i, Format.NONE);
            op(0x33 + i, "istore_" + i, Format.NONE);
        }
        op(0x24, "aaload", Format.NONE);
        op(0x25, "baload", Format.NONE);
        op(0x26, "saload", Format.NONE);
        op(0x27, "iaload", Format.NONE);
        op(0x28, "astore", Format.LOCAL);
        op(0x29, "sstore", Format.LOCAL);
        op(0x2A, "istore", Format.LOCAL);
        op(0x37, "aastore", Format.NONE);
        op(0x38, "bastore", Format.NONE);
        op(0x39, "sastore", Format.NONE);
        op(0x3A, "iastore", Format.NONE);
        op(0x3B, "pop", Format.NONE);
        op(0x3C, "pop2", Format.NONE);
        op(0x3D, "dup", Format.NONE);
        op(0x3E, "dup2", Format.NONE);
        op(0x3F, "dup_x", Format.MN);
        op(0x40, "swap_x", Format.MN);
        String[] arithmetic = {"add", "sub", "mul", "div", "rem", "neg", "shl", "shr", "ushr", "and", "or", "xor"};
        for (int i = 0; i < arithmetic.length; i++) {
            op(0x41 + 2 * i, "s" + arithmetic[i], Format.NONE);
            op(0x42 + 2 * i, "i" + arithmetic[i], Format.NONE);
        }
        op(0x59, "sinc", Format.LOCAL_BYTE);
        op(0x5A, "iinc", Format.LOCAL_BYTE);
        op(0x5B, "s2b", Format.NONE);
        op(0x5C, "s2i", Format.NONE);
        op(0x5D, "i2b", Format.NONE);
        op(0x5E, "i2s", Format.NONE);
        op(0x5F, "icmp", Format.NONE);
        String[] conditions = {"ifeq", "ifne", "iflt", "ifge", "ifgt", "ifle", "ifnull", "ifnonnull", "if_acmpeq", "if_acmpne",
            "if_scmpeq", "if_scmpne", "if_scmplt", "if_scmpge", "if_scmpgt", "if_scmple"};
        for (int i = 0; i < conditions.length; i++) {
            op(0x60 + i, conditions[i], Format.BRANCH_BYTE);
            op(0x98 + i, conditions[i] + "_w", Format.BRANCH_SHORT);
        }
        op(0x70, "goto", Format.BRANCH_BYTE);
        op(0x71, "jsr", Format.BRANCH_SHORT);
        op(0x72, "ret", Format.LOCAL);
        op(0x73, "stableswitch", Format.TABLESWITCH);
        op(0x74, "itableswitch", Format.TABLESWITCH);
        op(0x75, "slookupswitch", Format.LOOKUPSWITCH);
        op(0x76, "ilookupswitch", Format.LOOKUPSWITCH);
        op(0x77, "areturn", Format.NONE);
        op(0x78, "sreturn", Format.NONE);
        op(0x79, "ireturn", Format.NONE);
        op(0x7A, "return", Format.NONE);
        String[] types = {"a", "b", "s", "i"};
        for (int i = 0; i < 4; i++) {
            op(0x7B + i, "getstatic_" + types[i], Format.CP_SHORT);
            op(0x7F + i, "putstatic_" + types[i], Format.CP_SHORT);
            op(0x83 + i, "getfield_" + types[i], Format.CP_BYTE);
            op(0x87 + i, "putfield_" + types[i], Format.CP_BYTE);
            op(0xA9 + i, "getfield_" + types[i] + "_w", Format.CP_SHORT);
            op(0xAD + i, "getfield_" + types[i] + "_this", Format.CP_BYTE);
            op(0xB1 + i, "putfield_" + types[i] + "_w", Format.CP_SHORT);
            op(0xB5 + i, "putfield_" + types[i] + "_this", Format.CP_BYTE);
        }
        op(0x8B, "invokevirtual", Format.CP_SHORT);
        op(0x8C, "invokespecial", Format.CP_SHORT);
        op(0x8D, "invokestatic", Format.CP_SHORT);
        op(0x8E, "invokeinterface", Format.INTERFACE);
        op(0x8F, "new", Format.CP_SHORT);
        op(0x90, "newarray", Format.ATYPE);
        op(0x91, "anewarray", Format.CP_SHORT);
        op(0x92, "arraylength", Format.NONE);
        op(0x93, "athrow", Format.NONE);
        op(0x94, "checkcast", Format.ATYPE_CP);
        op(0x95, "instanceof", Format.ATYPE_CP);
        op(0x96, "sinc_w", Format.LOCAL_SHORT);
        op(0x97, "iinc_w", Format.LOCAL_SHORT);
        op(0xA8, "goto_w", Format.BRANCH_SHORT);
        op(0xFE, "impdep1", Format.NONE);
        op(0xFF, "impdep2", Format.NONE);
    }

    private JcOpcodes() {
    }

    private static void op(int code, String name, Format format) {
        NAMES[code] = name;
        FORMATS[code] = format;
    }

    /** The mnemonic, or null for an undefined opcode. */
    public static String name(int opcode) {
        return NAMES[opcode & 0xFF];
    }

    public static Format format(int opcode) {
        return FORMATS[opcode & 0xFF];
    }

    /** Length of the instruction at {@code at} in {@code code}, including opcode and operands. */
    public static int length(byte[] code, int at) {
        int opcode = code[at] & 0xFF;
        Format format = FORMATS[opcode];
        if (format == null) {
            throw new IllegalArgumentException("undefined opcode 0x" + Integer.toHexString(opcode) + " at " + at);
        }
        if (opcode == 0x14) {
            return 5; // iipush
        }
        return switch (format) {
            case TABLESWITCH -> {
                int low = (short) (((code[at + 3] & 0xFF) << 8) | (code[at + 4] & 0xFF));
                int high = (short) (((code[at + 5] & 0xFF) << 8) | (code[at + 6] & 0xFF));
                yield 7 + 2 * (high - low + 1);
            }
            case LOOKUPSWITCH -> {
                int pairs = ((code[at + 3] & 0xFF) << 8) | (code[at + 4] & 0xFF);
                yield 5 + 4 * pairs;
            }
            default -> 1 + format.operandLength;
        };
    }
}
