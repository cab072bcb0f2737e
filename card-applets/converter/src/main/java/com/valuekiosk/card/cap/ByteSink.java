package com.valuekiosk.card.cap;

import java.io.ByteArrayOutputStream;

/** Big-endian u1/u2 writer that knows its position. */
final class ByteSink {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteSink u1(int value) {
        if (value < -128 || value > 0xFF) {
            throw new IllegalArgumentException("u1 out of range: " + value);
        }
        out.write(value);
        return this;
    }

    ByteSink u2(int value) {
        if (value < Short.MIN_VALUE || value > 0xFFFF) {
            throw new IllegalArgumentException("u2 out of range: " + value);
        }
        out.write(value >> 8);
        out.write(value);
        return this;
    }

    ByteSink bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int position() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A component: tag, u2 size, info. */
    static byte[] component(int tag, byte[] info) {
        if (info.length > 0xFFFF) {
            throw new IllegalStateException("component " + CapFile.componentName(tag) + " has " + info.length + " bytes, more than 65535");
        }
        return new ByteSink().u1(tag).u2(info.length).bytes(info).toByteArray();
    }
}
