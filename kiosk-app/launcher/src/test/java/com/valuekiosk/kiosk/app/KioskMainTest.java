package com.valuekiosk.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The site kiosk's command line as an operator or an installer uses it, in-process and headless (Monocle, set by
 * surefire): a site's configuration checked and its kiosk self-checked against servers elsewhere (here: the real
 * servers on loopback, started by the servers' test fixture), with PC/SC readers on a fake PC/SC
 * ({@link FakeReaders}: found, not found, no service), and bad input answered with one line. The demo's self-check is kiosk-demo's DemoMainTest.
 */
class KioskMainTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** The site's two readers are there, no card in them; tests that need otherwise replace it. */
    private FakeReaders pcsc = FakeReaders.with(Map.of(CONTACT_TERMINAL, false, CONTACTLESS_TERMINAL, false));

    private static final String CONTACT_TERMINAL = "ACS ACR39U ICC Reader 00 00";
    private static final String CONTACTLESS_TERMINAL = "SONY FeliCa RC-S380/P 01 00";

    private int run(String... arguments) {
        FakeReaders readers = pcsc;
        CommandLine commandLine = KioskMain.commandLine(() -> readers);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    @Test
    void aSiteKioskIsCheckedAndSelfCheckedAgainstServersElsewhere() throws Exception {
        try (LogCapture log = new LogCapture(); ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            Path config = site(servers);

            assertThat(run("check-config", "--config", config.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("configuration " + config + " is valid")
                    .contains("credit.url = " + servers.creditUri()).contains("reader.contactless = SONY FeliCa RC-S380")
                    .contains("(content not shown)")
                    .contains("readers:")
                    .contains("reader.contact \"ACS ACR39U\": found, no card (" + CONTACT_TERMINAL + ")")
                    .contains("reader.contactless \"SONY FeliCa RC-S380\": found, no card (" + CONTACTLESS_TERMINAL + ")");

            Path png = work.resolve("site.png");
            assertThat(run("run", "--config", config.toString(), "--self-check", png.toString())).as(out.toString()).isZero();
            assertThat(out.toString()).contains("self-check OK: screen menu rendered").contains("credit=UP")
                    .contains("reader.contact \"ACS ACR39U\": found, no card (" + CONTACT_TERMINAL + ")")
                    .contains("emoney=UP").contains("health report delivered");
            assertThat(new com.valuekiosk.server.emoney.TerminalHealth(servers.emoney().database(), java.time.Clock.systemUTC())
                    .latest()).filteredOn(com.valuekiosk.server.emoney.TerminalHealth.Status::reported).singleElement()
                    .satisfies(kiosk -> {
                        assertThat(kiosk.terminalId()).isEqualTo(ServersFixture.KIOSK);
                        assertThat(kiosk.troubled()).as(kiosk.report()).isFalse();
                        assertThat(kiosk.report()).contains("\"name\":\"ACS ACR39U\"", "\"name\":\"SONY FeliCa RC-S380\"", "\"software\":\"ValueKiosk kiosk");
                    });
            assertThat(distinctColours(png)).isGreaterThan(50);
            assertThat(work.resolve("site/data/journal.jsonl")).exists();

            assertThat(out.toString() + err).doesNotContain(DevPki.DEFAULT_PASSWORD);
            assertThat(log.unmaskedText()).doesNotContain(DevPki.DEFAULT_PASSWORD);
        }
    }

    @Test
    void theAttendantsDiagnosticsCheckTheSitesReadersAndServersWithItsOwnCertificate() throws Exception {
        try (ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            Path config = site(servers);
            try (SiteKiosk kiosk = SiteKiosk.start(com.valuekiosk.kiosk.app.config.KioskConfig.load(config), () -> pcsc)) {
                Composition.AttendantDiagnostics diagnostics = kiosk.diagnostics().orElseThrow();
                assertThat(diagnostics.reports()).isEqualTo(kiosk.config().dataDirectory().resolve("diagnostics"));
                assertThat(kiosk.diagnostics().orElseThrow().engine()).as("one engine per kiosk").isSameAs(diagnostics.engine());

                java.util.List<com.valuekiosk.kiosk.diagnostics.CheckResult> checks =
                        diagnostics.engine().servers(com.valuekiosk.kiosk.diagnostics.DiagnosticListener.NONE);
                assertThat(checks).extracting(com.valuekiosk.kiosk.diagnostics.CheckResult::subject)
                        .containsExactly("credit " + servers.creditUri(), "emoney " + servers.emoneyUri());
                assertThat(checks).allSatisfy(check -> assertThat(check.verdict()).as(check.summary())
                        .isEqualTo(com.valuekiosk.kiosk.diagnostics.Verdict.PASS));
                com.valuekiosk.kiosk.diagnostics.CheckResult readers =
                        diagnostics.engine().readers(com.valuekiosk.kiosk.diagnostics.DiagnosticListener.NONE);
                assertThat(readers.message()).startsWith("2 reader(s)");
            }
        }
    }

    @Test
    void aSelfCheckWithUnreachableServersOfASiteReportsThemWithoutFailing() throws Exception {
        Path config;
        try (ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            config = site(servers);
        }
        assertThat(run("run", "--config", config.toString(), "--self-check", work.resolve("x.png").toString())).isZero();
        assertThat(out.toString()).contains("self-check OK").contains("credit=DOWN (").contains("(not required)")
                .contains("health report not delivered (");
    }

    @Test
    void aConfiguredReaderThatIsNotFoundFailsCheckConfigAndTheSelfCheckNamingIt() throws Exception {
        pcsc = FakeReaders.with(Map.of(CONTACT_TERMINAL, true, "Some Other Reader 00 00", false));
        try (ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            Path config = site(servers);

            assertThat(run("check-config", "--config", config.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("reader.contact \"ACS ACR39U\": found, card in it (" + CONTACT_TERMINAL + ")")
                    .contains("reader.contactless \"SONY FeliCa RC-S380\": not found (no reader matches");
            assertThat(err.toString()).startsWith("valuekiosk-kiosk: configured reader missing: reader.contactless"
                    + " \"SONY FeliCa RC-S380\": not found").doesNotContain("reader.contact \"");

            out.getBuffer().setLength(0);
            assertThat(run("run", "--config", config.toString(), "--self-check", work.resolve("x.png").toString())).isEqualTo(1);
            assertThat(out.toString()).startsWith("self-check FAILED: screen menu rendered")
                    .contains("reader.contactless \"SONY FeliCa RC-S380\": not found").contains("credit=UP");
        }
    }

    @Test
    void withoutAPcscServiceEveryConfiguredReaderIsReportedAndTheChecksFail() throws Exception {
        pcsc = FakeReaders.noService();
        Path config;
        try (ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            config = site(servers);
        }
        assertThat(run("check-config", "--config", config.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("reader.contact \"ACS ACR39U\": no PC/SC service (PC/SC service not running)")
                .contains("reader.contactless \"SONY FeliCa RC-S380\": no PC/SC service");

        out.getBuffer().setLength(0);
        assertThat(run("run", "--config", config.toString(), "--self-check", work.resolve("x.png").toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("self-check FAILED")
                .contains("reader.contact \"ACS ACR39U\": no PC/SC service");
    }

    @Test
    void aReaderNameWithAControlCharacterIsRefusedNamingTheSetting() throws Exception {
        Path config;
        try (ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            config = site(servers);
        }
        Files.writeString(config, Files.readString(config).replace("reader.contactless=SONY FeliCa RC-S380",
                "reader.contactless=SONY\\u001b[31m FeliCa"));

        assertThat(run("check-config", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("valuekiosk-kiosk: configuration: reader.contactless: control character"
                + " U+001B at position 5; a reader name is printable text (see pcsc_scan)" + System.lineSeparator());
    }

    @Test
    void aBadSettingStopsStartUpWithOneLineNamingIt() throws Exception {
        Path config;
        try (ServersFixture servers = new ServersFixture(work.resolve("servers"), Storage.H2)) {
            config = site(servers);
        }
        Files.writeString(config, "idle.timeout=soon\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(run("check-config", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("valuekiosk-kiosk: configuration: idle.timeout: must be seconds (90) or an"
                + " ISO-8601 duration (PT90S, PT2M), got \"soon\"" + System.lineSeparator());

        assertThat(run("run", "--config", config.toString(), "--self-check", work.resolve("x.png").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("self-check FAILED: configuration: idle.timeout:");
    }

    @Test
    void runWithoutAConfigurationIsAUsageError() {
        assertThat(run("run")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void theAttendantCodeBecomesAConfigurationLineWithItsHashAndNeverTheCode() {
        CommandLine commandLine = new CommandLine(new KioskMain.HashAttendantCode(new BufferedReader(new StringReader("97531\n"))));
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute()).isEqualTo(0);
        String line = out.toString().strip();
        assertThat(line).startsWith("attendant.code.hash=$argon2id$").doesNotContain("97531");
        AttendantCode stored = AttendantCode.of(line.substring("attendant.code.hash=".length()));
        assertThat(stored.matches("97531".toCharArray())).isTrue();
        assertThat(stored.matches("97530".toCharArray())).isFalse();
    }

    @Test
    void anAttendantCodeThatTheKeypadCannotTypeIsRefused() {
        CommandLine commandLine = new CommandLine(new KioskMain.HashAttendantCode(new BufferedReader(new StringReader("12a4\n"))));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute()).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("4 to 12 digits");
    }

    /**
     * A site configuration next to copies of the servers' PKI's terminal stores, with PC/SC readers by name (found
     * on {@link #pcsc}): without pcscd or without those readers the kiosk starts all the same, and its checks
     * report them missing and fail.
     */
    private Path site(ServersFixture servers) throws Exception {
        Path site = Files.createDirectories(work.resolve("site"));
        Files.copy(servers.pki.terminalKeyStore(ServersFixture.KIOSK), site.resolve("terminal.p12"));
        Files.copy(servers.pki.trustStore(), site.resolve("truststore.p12"));
        Path password = site.resolve("keystore.password");
        Files.writeString(password, String.valueOf(servers.pki.storePassword()) + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path config = site.resolve("valuekiosk.properties");
        Files.writeString(config, String.join("\n",
                "credit.url=" + servers.creditUri(),
                "emoney.url=" + servers.emoneyUri(),
                "terminal.id=" + ServersFixture.KIOSK,
                "reader.contact=ACS ACR39U",
                "reader.contactless=SONY FeliCa RC-S380",
                "language=en",
                "data.dir=data",
                ""), StandardCharsets.UTF_8);
        return config;
    }

    private static int distinctColours(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
