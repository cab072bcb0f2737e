package com.valuekiosk.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far, in nanoseconds: this JVM's, and on Linux that of the PostgreSQL server
 * whose data directory is given (its postmaster and the backends it started), read from
 * {@code /proc}. Taken before and after the measured flows; the difference divided by the flows
 * is the CPU per flow.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** This JVM's CPU time (all threads), or -1 when the JVM does not say. */
    static long jvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * The heap bytes this JVM's live threads have allocated so far, or -1 when the JVM does not say. A
     * count of the Java work done that, unlike CPU time, barely depends on how fast the machine runs
     * at the moment (the JIT's escape analysis can still remove some). A thread that ended took its
     * count with it: the difference over a stretch in which threads end is a lower bound.
     */
    static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            long total = 0;
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                total += Math.max(0, bytes); // -1: the thread ended meanwhile
            }
            return total;
        }
        return -1;
    }

    /**
     * The CPU time this JVM's JIT compiler threads have used so far, in nanoseconds, read from
     * {@code /proc/self/task}; -1 without {@code /proc}. (The JVM's own compilation time counts
     * elapsed time, which on a busy machine is mostly waiting for a core.) A compiler thread that
     * ended took its time with it: HotSpot stops idle ones, so this is a lower bound.
     */
    static long jit() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) entries::iterator) {
                String text;
                try {
                    text = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = text.substring(text.indexOf('(') + 1, Math.max(text.indexOf('('), text.lastIndexOf(')')));
                long[] stat = stat(text);
                if (name.contains("CompilerThre") && stat != null) {
                    ticks += stat[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * The CPU time of the PostgreSQL server started on {@code dataDirectory} and of its live child
     * processes (backends, writers), plus what its ended children used; -1 when there is no such
     * process or no {@code /proc}.
     */
    static long postgres(Path dataDirectory) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        String marker = dataDirectory.toAbsolutePath().toString();
        List<long[]> processes = new ArrayList<>(); // pid, ppid, utime+stime, cutime+cstime (ticks)
        long postmaster = -1;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] stat = stat(entry.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                processes.add(stat);
                if (postmaster < 0 && cmdline(entry.resolve("cmdline")).contains(marker)
                        && cmdline(entry.resolve("cmdline")).contains("postgres")) {
                    postmaster = stat[0];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        if (postmaster < 0) {
            return -1;
        }
        long ticks = 0;
        for (long[] process : processes) {
            if (process[0] == postmaster) {
                ticks += process[2] + process[3];
            } else if (process[1] == postmaster) {
                ticks += process[2];
            }
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** USER_HZ: 100 on every Linux the benchmark runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private static String cmdline(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** pid, ppid, utime + stime, cutime + cstime from {@code /proc/<pid>/stat}, or null. */
    private static long[] stat(Path file) {
        try {
            return stat(Files.readString(file));
        } catch (IOException e) {
            return null;
        }
    }

    /** The same from the text of a {@code stat} file (a process's or a thread's). */
    private static long[] stat(String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        String[] fields = text.substring(close + 2).split(" ");
        try {
            long pid = Long.parseLong(text.substring(0, text.indexOf(' ')));
            return new long[] {pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (RuntimeException e) {
            return null;
        }
    }
}
