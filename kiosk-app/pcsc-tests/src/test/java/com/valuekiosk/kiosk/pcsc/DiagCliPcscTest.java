package com.valuekiosk.kiosk.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.card.host.Aids;
import com.valuekiosk.kiosk.app.diag.DiagMain;
import com.valuekiosk.kiosk.reader.PcscContext;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code valuekiosk-diag}, the command line, as a technician runs it on a kiosk: the site's own configuration file
 * (readers named by part, the kiosk's certificate), a real pcscd with vpcd and the demo cards, the real servers.
 */
class DiagCliPcscTest extends PcscKioskTestBase {


    Path config;
    StringWriter out;
    StringWriter err;



    @BeforeEach
    void site() throws Exception {
        config = writeSite();
        out = new StringWriter();
        err = new StringWriter();
    }


    int diag(String... arguments) {
        CommandLine commandLine = DiagMain.commandLine(PcscContext::new);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    @Test
    void readersListsTheVpcdReadersAndTheCardIn() throws Exception {
        kiosk.insert(kiosk.creditCard);

        assertThat(diag("readers")).as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("PASS  readers  PC/SC: 2 reader(s), 1 with a card")
                .contains(Pcscd.CONTACT_READER + ": card present, ATR 3B ")
                .contains(Pcscd.CONTACTLESS_READER + ": no card");
    }

    @Test
    void atrAndAppletsOfTheConfiguredReadersAreShownReadOnlyWithNumbersMasked() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);

        assertThat(diag("atr", "--config", config.toString(), "contact")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("PASS  atr      vpcd 00 00: T=0, T=1, well formed")
                .contains("TD1: 80, T=0, then TD").contains("TCK: ").contains("correct");

        assertThat(diag("applets", "--config", config.toString(), "contact", "contactless")).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("credit card number: **** **** **** 0013")
                .contains("credit card PIN tries left: 3")
                .contains("purse balance: 1000 JPY of at most 50000 JPY")
                .doesNotContain("4999990000000013", "9999010000000017");
    }

    @Test
    void apduSendsWhatIsTypedAndMasksTheTrace() throws Exception {
        kiosk.insert(kiosk.creditCard);

        int exit = diag("apdu", Pcscd.CONTACT_READER, "00A4040008" + Aids.CREDIT_CARD, "0020008004" + "35353535",
                "80CA000000");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("> 2: 00200080 04 **").contains("63C2 wrong PIN, 2 tries left")
                .doesNotContain("35353535", "4999990000000013").contains("WARN  apdu")
                .containsPattern("< 1: 010202 \\(\\d+ bytes of card data\\) 9000") // the SELECT answer's card data too
                .containsPattern("< 3: \\(\\d+ bytes of card data\\) 9000").doesNotContain("5441524F"); // "TARO", the holder
    }

    @Test
    void timingGivesMinMedianP95AndMaxPerReader() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);

        assertThat(diag("timing", "-n", "100")).as(out + "\n" + err).isZero();

        assertThat(out.toString()).containsPattern("timing +" + Pcscd.CONTACT_READER
                + ": min [0-9.]+ ms, median [0-9.]+ ms, p95 [0-9.]+ ms, max [0-9.]+ ms \\(100 commands\\)");
        assertThat(out.toString()).contains("timing   " + Pcscd.CONTACTLESS_READER + ": min ");
    }

    @Test
    void serversAreCheckedWithTheKiosksOwnCertificate() {
        assertThat(diag("servers", "--config", config.toString())).as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("PASS  servers  credit " + kiosk.servers.creditUri() + ": up: DNS ")
                .contains("PASS  servers  emoney " + kiosk.servers.emoneyUri())
                .contains("TLS 1.3 handshake: TLSv1.3").contains("our client certificate: CN=" + ServersFixture.KIOSK)
                .contains("mutual TLS + GET /health: HTTP/1.1 200");
        assertThat(out.toString() + err).doesNotContain(DevPki.DEFAULT_PASSWORD);
    }

    @Test
    void aServerDownFailsTheCommand() throws Exception {
        kiosk.servers.stopEmoney();

        assertThat(diag("servers", "--config", config.toString(), "--timeout", "3")).isEqualTo(1);

        assertThat(out.toString()).contains("PASS  servers  credit").contains("FAIL  servers  emoney")
                .contains("TCP: ");
    }

    @Test
    void reportWritesJsonAndHtmlWithEveryCheckAndNoSecret() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        Path json = directory.resolve("report.json");
        Path html = directory.resolve("report.html");

        int exit = diag("report", "--config", config.toString(), "-n", "50", "--json", json.toString(),
                "--html", html.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("results")).hasSize(9);
        assertThat(report.get("results").findValuesAsText("check")).containsExactly("readers", "atr", "applets",
                "timing", "atr", "applets", "timing", "servers", "servers");
        assertThat(report.get("results").get(3).get("latency").get("count").asInt()).isEqualTo(50);
        String page = Files.readString(html);
        assertThat(page).contains("<img id=\"latency-chart\"").contains("data:image/png;base64,");
        for (String text : new String[] {Files.readString(json), page, out.toString()}) {
            assertThat(text).doesNotContain("4999990000000013", "9999010000000017", "4999 9900 0000 0013",
                    DevPki.DEFAULT_PASSWORD);
        }
        assertThat(out.toString()).contains("JSON report: " + json).contains("verdict: ");
    }

    @Test
    void watchShowsACardGoingInWithItsAtr() throws Exception {
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> diag("watch", "--events", "3",
                "--interval", "50", "--seconds", "30"));
        // The first poll reports the two readers; the card then makes the third event.
        kiosk.insert(kiosk.creditCard);

        assertThat(watching.get(40, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("READER_ADDED  " + Pcscd.CONTACT_READER)
                .contains("READER_ADDED  " + Pcscd.CONTACTLESS_READER)
                .containsPattern("CARD_INSERTED  " + Pcscd.CONTACT_READER + "  ATR 3B ");
    }

    @Test
    void aTypedAtrIsTakenApartWithoutAReaderAndNamedFromTheList() throws Exception {
        Path list = Files.writeString(directory.resolve("smartcard_list.txt"),
                "3B F8 13 00 00 81 31 FE 15 59 75 62 69 6B 65 79 34 D4\n\tYubico Yubikey 4 OTP+CCID\n");

        assertThat(diag("atr", "--atr-list", list.toString(), "--hex", "3BF81300008131FE15597562696B657934D4"))
                .as(out + "\n" + err).isZero();

        assertThat(out.toString()).contains("T=1, well formed, Yubico Yubikey 4 OTP+CCID")
                .contains("historical bytes: 597562696B657934 \"Yubikey4\"");
    }

    @Test
    void aReaderThatIsNotThereFailsTheCommandInWords() {
        assertThat(diag("applets", "Nonexistent Reader")).isEqualTo(1);

        assertThat(out.toString()).contains("FAIL  applets  Nonexistent Reader: ReaderException")
                .contains("no reader matches");
    }
}
