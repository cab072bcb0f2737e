package com.valuekiosk.kiosk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long this process has been running, for the start-up figures the kiosk logs (issue #16).
 *
 * <p>On Linux from the kernel's own counts: the process's start in clock ticks since boot ({@code /proc/self/stat},
 * field 22, at the 100 ticks a second Linux reports to programs) against the time since boot ({@code /proc/uptime}),
 * both to 10 ms. {@link ProcessHandle.Info#startInstant()} adds that start to the boot time, which the kernel gives
 * in whole seconds ({@code btime}): its result is late by the boot's fraction of a second, up to a whole second, the
 * same on every start since that boot — 0.76 s on the machine where it was found.
 */
final class ProcessAge {

    /** Clock ticks a second in /proc (USER_HZ): 100 on every architecture Linux runs the kiosk on. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessAge() {
    }

    /** This process's age, or empty where the system does not say. */
    static Optional<Duration> now() {
        try {
            return Optional.of(fromProc(Files.readString(Path.of("/proc/self/stat")), Files.readString(Path.of("/proc/uptime"))));
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, Instant.now()));
        }
    }

    /**
     * The age from the texts of {@code /proc/self/stat} and {@code /proc/uptime}. The command name in the stat line
     * is in parentheses and may hold spaces and parentheses itself: the fields are counted after its last ')'.
     */
    static Duration fromProc(String stat, String uptime) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startTicks = Long.parseLong(fields[22 - 3]); // fields[0] is field 3, the state
        double sinceBoot = Double.parseDouble(uptime.trim().split("\\s+")[0]);
        long ageMillis = Math.round(sinceBoot * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
        if (ageMillis < 0) {
            throw new IllegalArgumentException("a process started after now: " + ageMillis + " ms");
        }
        return Duration.ofMillis(ageMillis);
    }
}
