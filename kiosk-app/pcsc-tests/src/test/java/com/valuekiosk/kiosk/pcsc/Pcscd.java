package com.valuekiosk.kiosk.pcsc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code pcscd} that the tests own: started, stopped and restarted by them, with vsmartcard's vpcd driver
 * (two virtual readers, {@link #CONTACT_READER} and {@link #CONTACTLESS_READER}) on ports of its own.
 *
 * <p>Kept apart from any pcscd of the machine: pcsc-lite 1.9 's daemon always binds {@code /run/pcscd/pcscd.comm}
 * (only the client library reads {@code PCSCLITE_CSOCK_NAME}), so it runs in a private mount namespace
 * ({@code unshare --mount}; {@code --map-root-user} too when not root) where a tmpfs covers {@code /run} and
 * {@code /run/pcscd} is our directory. Its socket therefore appears at the path that surefire gives the test JVM in
 * {@code PCSCLITE_CSOCK_NAME}, and the kiosk's PC/SC client in that JVM talks to this daemon only. Its reader.conf
 * names the vpcd driver with a free port, where {@link VpcdCard}s connect.
 */
final class Pcscd implements AutoCloseable {

    /** FRIENDLYNAME in our reader.conf; vpcd adds " 00 00" / " 00 01" for its two slots. */
    static final String READER_FAMILY = "ValueKiosk vpcd";
    static final String CONTACT_READER = READER_FAMILY + " 00 00";
    static final String CONTACTLESS_READER = READER_FAMILY + " 00 01";

    private static final String VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path socket;
    private final Path runDirectory;
    private final Path configDirectory;
    private final Path log;
    private final int contactPort;
    private Process process;

    /** Prepares the configuration (nothing runs yet); {@link #start()} starts the daemon. */
    Pcscd() throws IOException {
        String socketName = System.getenv("PCSCLITE_CSOCK_NAME");
        if (socketName == null || socketName.isBlank()) {
            throw new IllegalStateException("PCSCLITE_CSOCK_NAME is not set: run these tests through Maven "
                    + "(./mvnw -B -ntp -Ppcsc verify), whose surefire sets it for the test JVM");
        }
        for (String tool : List.of("/usr/sbin/pcscd", VPCD_DRIVER)) {
            if (!Files.exists(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: apt-get install -y --no-install-recommends "
                        + "pcscd vsmartcard-vpcd (.ci/run does)");
            }
        }
        socket = Path.of(socketName);
        if (!socket.getFileName().toString().equals("pcscd.comm")) {
            throw new IllegalStateException("PCSCLITE_CSOCK_NAME must end in pcscd.comm, got " + socketName);
        }
        runDirectory = socket.getParent();
        configDirectory = runDirectory.resolveSibling("pcscd-conf");
        log = runDirectory.resolveSibling("pcscd.log");
        Files.createDirectories(runDirectory);
        Files.createDirectories(configDirectory);
        contactPort = freePortPair();
        // vpcd reads its port from DEVICENAME "/dev/null:<port>" (its slot 0; slot 1 is port + 1).
        Files.writeString(configDirectory.resolve("vpcd"), String.format(Locale.ROOT, """
                FRIENDLYNAME "%s"
                DEVICENAME   /dev/null:0x%04X
                LIBPATH      %s
                CHANNELID    0x%04X
                """, READER_FAMILY, contactPort, VPCD_DRIVER, contactPort), StandardCharsets.US_ASCII);
    }

    /** Where the card of the contact reader connects; the contactless reader's is one more. */
    int contactPort() {
        return contactPort;
    }

    int contactlessPort() {
        return contactPort + 1;
    }

    /** Starts the daemon and waits until its socket is there. */
    synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("pcscd already runs");
        }
        Files.deleteIfExists(socket);
        Files.deleteIfExists(runDirectory.resolve("pcscd.pid"));
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (!"root".equals(System.getProperty("user.name"))) {
            command.add(1, "--map-root-user");
        }
        command.addAll(List.of("sh", "-c",
                "mount -t tmpfs tmpfs /run && mkdir -p /run/pcscd && mount --bind \"$0\" /run/pcscd"
                        + " && exec /usr/sbin/pcscd --foreground --info --config \"$1\"",
                runDirectory.toString(), configDirectory.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pcscd exited with " + process.exitValue() + " at start; see " + log
                        + ":\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pcscd did not create " + socket + " within " + START_TIMEOUT + ":\n" + tail());
            }
            process.waitFor(20, TimeUnit.MILLISECONDS); // returns at once if it exits
        }
    }

    /** Stops the daemon (SIGTERM, as an administrator's restart does) and waits until it is gone. */
    synchronized void stop() throws InterruptedException, IOException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
        Files.deleteIfExists(socket);
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The end of pcscd's own log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** A port p with p + 1 free as well (vpcd's two slots). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            if (port >= 65535) {
                continue;
            }
            try (ServerSocket first = new ServerSocket(port); ServerSocket second = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two consecutive free ports found");
    }
}
