package com.valuekiosk.card.capvm;

import com.valuekiosk.card.cap.CapFile;
import com.valuekiosk.card.cap.JcOpcodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which Java Card instructions of a CAP file a run executed: the instructions its methods hold (by
 * opcode, with their number of occurrences) against the executions the interpreter counted. Loads
 * no class of jcardsim, so a host can use it outside a chip.
 */
public final class InstructionCoverage {

    /** One instruction kind: how often it occurs in the code and how often it was executed. */
    public record Line(int opcode, String name, int inCode, long executed) {
    }

    private final List<Line> lines;

    private InstructionCoverage(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * @param capFile  the CAP file (the JAR)
     * @param executed executions by opcode (256 entries), as {@link CapAppletProxy#load} counts them
     */
    public static InstructionCoverage of(byte[] capFile, AtomicLongArray executed) {
        CapPackage cap;
        try {
            cap = new CapPackage(CapFile.read(new ByteArrayInputStream(capFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the CAP file", e);
        }
        Map<Integer, Integer> inCode = new TreeMap<>(cap.opcodesInCode);
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<Integer, Integer> entry : inCode.entrySet()) {
            int opcode = entry.getKey();
            lines.add(new Line(opcode, JcOpcodes.name(opcode), entry.getValue(), executed.get(opcode)));
        }
        return new InstructionCoverage(lines);
    }

    /** Every instruction kind of the code, by opcode. */
    public List<Line> lines() {
        return lines;
    }

    /** The instruction kinds of the code that never ran. */
    public List<String> notExecuted() {
        return lines.stream().filter(line -> line.executed() == 0).map(Line::name).toList();
    }

    /** A table for people: one line per kind, then a summary line. */
    public String report() {
        StringBuilder text = new StringBuilder(String.format("%-20s %8s %12s%n", "instruction", "in code", "executed"));
        for (Line line : lines) {
            text.append(String.format("%-20s %8d %12d%n", line.name(), line.inCode(), line.executed()));
        }
        text.append(summary()).append('\n');
        return text.toString();
    }

    /** "52 of 58 instruction kinds of the CAP file executed (not: …)". */
    public String summary() {
        List<String> missing = notExecuted();
        return (lines.size() - missing.size()) + " of " + lines.size() + " instruction kinds of the CAP file executed"
                + (missing.isEmpty() ? "" : " (not: " + String.join(", ", missing) + ")");
    }
}
