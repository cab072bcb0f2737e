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
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = Main.execute(args, out, err);
        out.flush(); // dump prints without a final println
        err.flush();
        if (code != 0) {
            throw new IllegalStateException("valuekiosk-cap " + String.join(" ", args) + " failed with exit code " + code);
        }
    }
}
