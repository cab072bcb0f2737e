package com.valuekiosk.benchmark;

import java.io.IOException;

/**
 * Pins this process — every thread it has, and so the threads and processes it starts later — to
 * some CPUs with Linux's {@code taskset}: with {@code --load-process --load-cpus}, the servers and
 * the kiosks then do not take each other's CPU.
 */
final class CpuPinning {

    private CpuPinning() {
    }

    static void pinThisProcess(String cpus) {
        if (!cpus.matches("[0-9]+([-,][0-9]+)*")) {
            throw new IllegalArgumentException("a CPU list is numbers, ranges and commas, such as 0 or 0-1 or 0,2");
        }
        ProcessBuilder taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus,
                Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true);
        try {
            Process process = taskset.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("taskset could not pin this process to CPUs " + cpus + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("taskset is needed to pin CPUs (util-linux): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning CPUs", e);
        }
    }
}
