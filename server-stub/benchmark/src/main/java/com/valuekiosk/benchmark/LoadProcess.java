package com.valuekiosk.benchmark;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the simulated kiosks in a {@link LoadGenerator} process of their own, on the same Java and
 * class path as this one, optionally pinned to some CPUs with {@code taskset} ({@code --load-cpus}),
 * and relays its signals: each of {@code marks} runs here when it says that moment has come.
 */
final class LoadProcess {

    private LoadProcess() {
    }

    static FleetResult run(BenchmarkSettings settings, DevPki pki, URI creditServer, URI emoneyServer, URI helloWorld,
                           String cpus, Marks marks) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
                Json.mapper().writeValueAsString(settings), pki.directory().toString(), creditServer.toString(),
                emoneyServer.toString(), helloWorld == null ? "-" : helloWorld.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        FleetResult result = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals(LoadGenerator.MEASURING)) {
                    marks.flowsStart().run();
                } else if (line.equals(LoadGenerator.MEASURED)) {
                    marks.flowsEnd().run();
                } else if (line.equals(LoadGenerator.CEILING_MEASURING)) {
                    marks.ceilingStart().run();
                } else if (line.equals(LoadGenerator.CEILING_MEASURED)) {
                    marks.ceilingEnd().run();
                } else if (line.startsWith(LoadGenerator.RESULT)) {
                    result = Json.mapper().readValue(line.substring(LoadGenerator.RESULT.length()), FleetResult.class);
                } else {
                    System.err.println("load generator: " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        int exit = process.waitFor();
        if (result == null) {
            throw new IllegalStateException("the load generator ended (exit code " + exit + ") without a result");
        }
        return result;
    }
}
