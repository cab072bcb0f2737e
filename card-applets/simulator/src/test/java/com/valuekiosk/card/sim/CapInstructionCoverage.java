package com.valuekiosk.card.sim;

import com.valuekiosk.card.capvm.InstructionCoverage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * After the tests, when any of them ran the CAP file: which Java Card instructions of the CAP the
 * interpreter executed, written to {@code target/cap-instruction-coverage.txt} and summed up in one
 * line of the build log. Registered through {@code META-INF/services}.
 */
public final class CapInstructionCoverage implements TestExecutionListener {

    /** Executions of each Java Card instruction (by opcode) on every CAP chip of this test JVM. */
    static final AtomicLongArray EXECUTED = new AtomicLongArray(256);

    private static volatile byte[] cap;

    static void ran(byte[] capFile) {
        cap = capFile;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        byte[] capFile = cap;
        if (capFile == null) {
            return;
        }
        InstructionCoverage coverage = InstructionCoverage.of(capFile, EXECUTED);
        Path report = Path.of("target", "cap-instruction-coverage.txt");
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, coverage.report());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + report, e);
        }
        System.out.println("CAP interpreter: " + coverage.summary() + "; table in " + report);
    }
}
