package com.valuekiosk.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.kiosk.app.diag.DiagMain;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * valuekiosk-diag in the ordinary build, without pcscd: PC/SC faked as in the launcher's other tests (readers that
 * hold no real card), the real servers on loopback. The same commands through a real pcscd and vpcd with the demo
 * cards: kiosk-app/pcsc-tests' DiagCliPcscTest (-Ppcsc).
 */
class DiagMainTest {

    private static final String CONTACT_TERMINAL = "ACS ACR39U ICC Reader 00 00";
    private static final String CONTACTLESS_TERMINAL = "SONY FeliCa RC-S380/P 01 00";

    @TempDir
    static Path work;
    static ServersFixture servers;
    static Path config;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private java.util.function.Supplier<com.valuekiosk.kiosk.reader.PcscReader.TerminalsSource> pcsc =
            () -> FakeReaders.with(Map.of(CONTACT_TERMINAL, true, CONTACTLESS_TERMINAL, false));


    @BeforeAll
    static void servers() throws Exception {
        servers = new ServersFixture(work.resolve("servers"), Storage.H2);
        Path site = Files.createDirectories(work.resolve("site"));
        Files.copy(servers.pki.terminalKeyStore(ServersFixture.KIOSK), site.resolve("terminal.p12"));
        Files.copy(servers.pki.trustStore(), site.resolve("truststore.p12"));
        Path password = site.resolve("keystore.password");
        Files.writeString(password, String.valueOf(servers.pki.storePassword()) + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        config = site.resolve("valuekiosk.properties");
        Files.writeString(config, String.join("\n",
                "credit.url=" + servers.creditUri(),
                "emoney.url=" + servers.emoneyUri(),
                "terminal.id=" + ServersFixture.KIOSK,
                "reader.contact=ACS ACR39U",
                "reader.contactless=SONY FeliCa RC-S380",
                "data.dir=data",
                ""), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private int diag(String... arguments) {
        CommandLine commandLine = DiagMain.commandLine(pcsc);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    @Test
    void readersAreListedWithTheirCardsAndWhatTheyWouldNotSay() {
        assertThat(diag("readers")).as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("PASS  readers  PC/SC: 2 reader(s), 1 with a card")
                .contains(CONTACT_TERMINAL + ": card present, ATR ?; the card did not answer")
                .contains(CONTACTLESS_TERMINAL + ": no card; no PC/SC part 10 features");
    }

    @Test
    void withoutPcscdTheReadersCheckFailsAndSaysWhy() {
        pcsc = FakeReaders::noService;

        assertThat(diag("readers")).isEqualTo(1);

        assertThat(out.toString()).contains("FAIL  readers  PC/SC: ReaderException: the PC/SC service (pcscd) is not running");
    }

    @Test
    void theServersOfTheSitesConfigurationAreCheckedWithItsCertificate() {
        assertThat(diag("servers", "--config", config.toString())).as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("PASS  servers  credit " + servers.creditUri() + ": up: DNS ")
                .contains("PASS  servers  emoney " + servers.emoneyUri())
                .contains("our client certificate: CN=" + ServersFixture.KIOSK)
                .contains("mutual TLS + GET /health: HTTP/1.1 200");
        assertThat(out.toString() + err).doesNotContain(DevPki.DEFAULT_PASSWORD);
    }

    @Test
    void withoutAConfigurationThereAreNoServersToCheck() {
        assertThat(diag("servers")).isZero();

        assertThat(out.toString()).contains("WARN  servers  servers: no servers to check: give the kiosk's configuration");
    }

    @Test
    void aTypedAtrIsTakenApart() {
        assertThat(diag("atr", "--hex", "3B 02 14 50", "--atr-list", work.resolve("no-list.txt").toString())).isZero();

        assertThat(out.toString()).contains("PASS  atr      typed ATR: T=0, well formed")
                .contains("TCK: not required (T=0 only)").contains("not in the known-ATR list ((none), 0 entries)");
    }

    @Test
    void wrongUsageExitsWithTwoAndOneLineBeforeAnyReaderIsAsked() {
        assertThat(diag("apdu", CONTACT_TERMINAL, "00A4")).isEqualTo(2);
        assertThat(err.toString()).contains("valuekiosk-diag: an APDU has at least CLA INS P1 P2 (4 bytes), got 2");

        assertThat(diag("applets", "contact")).isEqualTo(2);
        assertThat(err.toString()).contains("\"contact\" names the configuration's reader: give --config");

        assertThat(diag("report")).isEqualTo(2);
        assertThat(err.toString()).contains("give --json FILE, --html FILE or both");

        assertThat(diag("atr", "--hex", "3B XY")).isEqualTo(2);
        assertThat(diag("no-such-command")).isEqualTo(2);
    }

    @Test
    void theConfigurationsReaderNamesAreUsedAndAReaderThatCannotBeReadFails() {
        assertThat(diag("applets", "--config", config.toString(), "contactless")).isEqualTo(1);

        assertThat(out.toString()).contains("FAIL  applets  SONY FeliCa RC-S380: ").contains("RC-S380");
    }

    @Test
    void aReportIsWrittenAsJsonAndHtml() throws Exception {
        Path json = work.resolve("report.json");
        Path html = work.resolve("report.html");

        int exit = diag("report", "--config", config.toString(), "--json", json.toString(), "--html", html.toString());

        // The fake reader's card cannot be read: its checks fail, and so does the report.
        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("tool").asText()).startsWith("valuekiosk-diag");
        assertThat(report.get("results").findValuesAsText("check")).containsExactly("readers", "atr", "applets",
                "timing", "servers", "servers");
        assertThat(Files.readString(html)).contains("ValueKiosk diagnostics: <span class=\"FAIL\">FAIL</span>");
        assertThat(out.toString()).contains("verdict: FAIL (3 pass, 0 warn, 3 fail)");
    }
}
