package com.valuekiosk.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test JVMs leave nothing behind: not the shared PKI (with its CA key), not PostgreSQL's data
 * directory (with card numbers in its tables), not a running PostgreSQL — whether the JVM ends, or
 * is killed and the next test JVM cleans up after it. Each case runs {@link LeftoverProbe} in a JVM
 * of its own, with its own temporary directory.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TestDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aTestJvmThatEndsLeavesNothingBehind() throws Exception {
        Process probe = probe("exit");
        List<String> output = readAll(probe);
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        assertThat(probe.exitValue()).as(String.join("\n", output)).isZero();
        long postmaster = postmasterPid(output);

        assertThat(leftovers()).isEmpty();
        assertThat(stopped(postmaster)).as("PostgreSQL stopped").isTrue();
    }

    @Test
    void whatAKilledTestJvmLeftIsDeletedByTheNextOneButNotWhileItLives() throws Exception {
        Process probe = probe("wait");
        List<String> output = readUntilReady(probe);
        Path left = Path.of(readyLine(output).split(" ")[1]);
        long postmaster = postmasterPid(output);

        TestDirectory.deleteAbandoned(temp);
        assertThat(left).as("a living JVM's directory stays").isDirectory();

        probe.destroyForcibly();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(left).as("kill -9 runs no cleanup").isDirectory();

        TestDirectory.deleteAbandoned(temp);

        assertThat(left).doesNotExist();
        assertThat(leftovers()).isEmpty();
        assertThat(stopped(postmaster)).as("the PostgreSQL it left running is stopped").isTrue();
    }

    /** What test JVMs may leave in the temporary directory: the shared directories of the fixtures. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> entries = Files.list(temp)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("valuekiosk-test")).toList();
        }
    }

    private Process probe(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path binaries = Path.of(System.getProperty("java.io.tmpdir")).resolve("embedded-pg");
        ProcessBuilder builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + temp,
                "-Dot.epg.working-dir=" + binaries, "-cp", System.getProperty("java.class.path"),
                LeftoverProbe.class.getName(), mode);
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static List<String> readAll(Process probe) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> readUntilReady(Process probe) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("ready ")) {
                return lines;
            }
        }
        throw new AssertionError("the probe ended before it was ready:\n" + String.join("\n", lines));
    }

    private static String readyLine(List<String> output) {
        return output.stream().filter(line -> line.startsWith("ready ")).findFirst()
                .orElseThrow(() -> new AssertionError("the probe never got ready:\n" + String.join("\n", output)));
    }

    private static long postmasterPid(List<String> output) {
        String[] ready = readyLine(output).split(" ");
        return Long.parseLong(ready[ready.length - 1]);
    }

    /** Whether the process is gone, or goes within ten seconds. */
    private static boolean stopped(long pid) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
