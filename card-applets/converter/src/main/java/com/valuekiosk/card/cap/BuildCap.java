package com.valuekiosk.card.cap;

import java.io.PrintWriter;

/**
 * Entry point for the build (exec-maven-plugin runs it inside Maven): the same as
 * {@code valuekiosk-cap}, but a failure is an exception that fails the build rather than an exit of
 * Maven's JVM.
 */
public final class BuildCap {

    private BuildCap() {
    }

    public static void main(String[] args) {
        int code = Main.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            throw new IllegalStateException("valuekiosk-cap " + String.join(" ", args) + " failed with exit code " + code);
        }
    }
}
