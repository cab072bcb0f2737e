package com.valuekiosk.kiosk.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.kiosk.diagnostics.Check;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.DiagnosticListener;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.DiagnosticsSettings;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.diagnostics.atr.Atr;
import com.valuekiosk.kiosk.diagnostics.card.LatencyStats;
import com.valuekiosk.kiosk.diagnostics.readers.CardWatch;
import com.valuekiosk.kiosk.diagnostics.report.DiagnosticReport;
import com.valuekiosk.kiosk.diagnostics.servers.ClientTls;
import com.valuekiosk.kiosk.diagnostics.servers.ServerTarget;
import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.PcscContext;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.ServersFixture;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics engine (kiosk-diagnostics) through a real pcscd with vpcd's two readers and the demo cards behind our
 * bridge, and the real servers over mutual TLS: every check, as the kiosk's diagnostics screen and valuekiosk-diag
 * run them. Prints the APDU round trips measured through vpcd ("vpcd round trip: …").
 */
class DiagnosticsPcscTest extends PcscKioskTestBase {


    Diagnostics diagnostics;
    final List<String> heard = new ArrayList<>();
    final DiagnosticListener listener = new DiagnosticListener() {
        @Override
        public void started(Check check, String subject) {
            heard.add("started " + check.id());
        }

        @Override
        public void finished(CheckResult result) {
            heard.add("finished " + check(result));
        }

        private String check(CheckResult result) {
            return result.check().id() + " " + result.verdict();
        }
    };



    @BeforeEach
    void diagnostics() throws Exception {
        diagnostics = new Diagnostics(DiagnosticsSettings.readersOnly(new PcscContext())
                .withServers(List.of(new ServerTarget("credit", kiosk.servers.creditUri()),
                        new ServerTarget("emoney", kiosk.servers.emoneyUri())), kioskTls())
                .withCheckTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void closeDiagnostics() {
        diagnostics.close();
    }

    static ClientTls kioskTls() throws Exception {
        Path keyStore = pki.terminalKeyStore(ServersFixture.KIOSK);
        KeyStore keys = TlsContexts.load(keyStore, pki.storePassword());
        return new ClientTls(TlsContexts.create(keyStore, pki.storePassword(), pki.trustStore()),
                List.of((X509Certificate) keys.getCertificateChain(keys.aliases().nextElement())[0]));
    }

    @Test
    void readersAreListedWithTheirCardsAndPartTenFeatures() throws Exception {
        kiosk.insert(kiosk.creditCard);

        CheckResult readers = diagnostics.readers(listener);

        assertThat(readers.verdict()).as(readers.toString()).isEqualTo(Verdict.PASS);
        assertThat(readers.message()).isEqualTo("2 reader(s), 1 with a card");
        String atr = Atr.parse(SimulatedReader.atrOf(kiosk.creditCard.card().formFactor())).hex();
        assertThat(value(readers, Pcscd.CONTACT_READER)).startsWith("card present, ATR " + atr + ";");
        // vpcd's driver answers no PC/SC part 10 request: the reader has no PIN pad, and the check says why.
        assertThat(value(readers, Pcscd.CONTACTLESS_READER)).startsWith("no card; no PC/SC part 10 features");
        assertThat(heard).containsExactly("started readers", "finished readers PASS");
        assertThat(diagnostics.readerList()).extracting(r -> r.name() + " " + r.cardPresent() + " " + r.hasPinPad())
                .containsExactly(Pcscd.CONTACT_READER + " true false", Pcscd.CONTACTLESS_READER + " false false");
    }

    @Test
    void theAtrIsTakenApartAndItsCheckByteChecked() throws Exception {
        kiosk.insert(kiosk.emoneyCard);

        CheckResult atr = diagnostics.atr(Pcscd.CONTACTLESS_READER, listener);

        assertThat(atr.verdict()).as(atr.toString()).isEqualTo(Verdict.PASS);
        assertThat(value(atr, "reader")).isEqualTo(Pcscd.CONTACTLESS_READER);
        assertThat(value(atr, "ATR")).isEqualTo(Atr.parse(SimulatedReader.atrOf(kiosk.emoneyCard.card().formFactor())).hex());
        assertThat(value(atr, "protocols")).isEqualTo("T=0, T=1");
        assertThat(value(atr, "TCK")).endsWith("correct");
        assertThat(value(atr, "TS")).isEqualTo("3B, direct convention");
    }

    @Test
    void ourAppletsAreReadWithoutTouchingThePinOrThePurse() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);

        CheckResult credit = diagnostics.applets(Pcscd.CONTACT_READER, listener);
        CheckResult purse = diagnostics.applets("vpcd 00 01", listener); // a part of the name, as in the configuration

        assertThat(credit.verdict()).as(credit.toString()).isEqualTo(Verdict.PASS);
        assertThat(value(credit, "credit card number")).isEqualTo("**** **** **** 0013");
        assertThat(value(credit, "credit card PIN tries left")).isEqualTo("3");
        assertThat(purse.verdict()).as(purse.toString()).isEqualTo(Verdict.PASS);
        assertThat(value(purse, "purse balance")).isEqualTo("1000 JPY of at most 50000 JPY");
        assertThat(credit.toString() + purse).doesNotContain("4999990000000013", "9999010000000017");
        CreditCardApplication direct = new CreditCardApplication(kiosk.creditCard.card());
        direct.select();
        assertThat(direct.readCardData().pinTriesRemaining()).isEqualTo(3);
        assertThat(PcscKiosk.balance(kiosk.emoneyCard.card())).isEqualTo(1_000);
    }

    @Test
    void afterAPurchaseAndChargeUpThePursesLogShowsTheCredit() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        assertThat(kiosk.buy(2_000).state()).isEqualTo(com.valuekiosk.kiosk.flow.PurchaseFlow.State.APPROVED);
        com.valuekiosk.kiosk.flow.ChargeUpFlow charge = kiosk.chargeUp();
        charge.readCard();
        assertThat(charge.confirm(true)).isEqualTo(com.valuekiosk.kiosk.flow.ChargeUpFlow.State.COMPLETED);

        CheckResult purse = diagnostics.applets(Pcscd.CONTACTLESS_READER, listener);
        CheckResult credit = diagnostics.applets(Pcscd.CONTACT_READER, listener);

        assertThat(value(purse, "purse balance")).isEqualTo("3000 JPY of at most 50000 JPY");
        assertThat(value(purse, "purse log")).isEqualTo("1 record(s)");
        assertThat(value(purse, "purse log 1")).matches("CREDIT #0 2000 JPY, balance after 3000 JPY, server transaction [0-9* ]+");
        assertThat(value(purse, "purse sequence numbers")).isEqualTo("next credit 1, next debit 0");
        assertThat(value(credit, "credit card transaction counter (ATC)")).isEqualTo("1");
    }

    @Test
    void theApduConsoleTracesMaskedCommandsAndNamesEachStatusWord() throws Exception {
        kiosk.insert(kiosk.creditCard);

        CheckResult apdu = diagnostics.apdu(Pcscd.CONTACT_READER, List.of("00A4040008" + Aids.CREDIT_CARD,
                "00 20 00 80 04 39 39 39 39", "80CA000000", "00B2010C00"), listener);

        String text = apdu.findings().toString();
        assertThat(text).contains("00200080 04 **").doesNotContain("39393939");
        assertThat(text).contains("63C2  63C2 wrong PIN, 2 tries left").contains("9000  9000 success");
        assertThat(text).doesNotContain("4999990000000013").doesNotContain("5441524F"); // "TARO": GET DATA's answer withheld
        assertThat(apdu.verdict()).isEqualTo(Verdict.WARN);
        assertThat(apdu.findings()).filteredOn(f -> f.name().startsWith("<")).hasSize(4);
    }

    @Test
    void roundTripsThroughVpcdAreMeasuredPerReader() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);

        for (String reader : List.of(Pcscd.CONTACT_READER, Pcscd.CONTACTLESS_READER)) {
            long before = (reader.equals(Pcscd.CONTACT_READER) ? kiosk.creditCard : kiosk.emoneyCard).commands();
            CheckResult timing = diagnostics.timing(reader, 100, listener);

            assertThat(timing.verdict()).as(timing.toString()).isIn(Verdict.PASS, Verdict.WARN);
            assertThat(timing.samplesNanos()).hasSize(100);
            long through = (reader.equals(Pcscd.CONTACT_READER) ? kiosk.creditCard : kiosk.emoneyCard).commands() - before;
            assertThat(through).as("every timed command went through vpcd to the card").isGreaterThanOrEqualTo(100);
            System.out.println("vpcd round trip (" + reader + "): " + LatencyStats.of(timing.samplesNanos()).text());
        }
    }

    @Test
    void bothServersAreCheckedStepByStepOverMutualTls() {
        List<CheckResult> servers = diagnostics.servers(listener);

        assertThat(servers).hasSize(2).allSatisfy(result -> {
            assertThat(result.verdict()).as(result.toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).extracting(Finding::name).contains("DNS", "TCP", "TLS 1.3 handshake",
                    "our client certificate", "mutual TLS + GET /health");
        });
    }

    @Test
    void theWholeRunMakesOneReport() throws Exception {
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);

        DiagnosticReport report = diagnostics.runAll(20, listener);

        assertThat(report.results()).extracting(r -> r.check().id()).containsExactly("readers", "atr", "applets",
                "timing", "atr", "applets", "timing", "servers", "servers");
        assertThat(report.verdict()).as(report.toString()).isIn(Verdict.PASS, Verdict.WARN);
        assertThat(heard).filteredOn(h -> h.startsWith("finished")).hasSize(9);
    }

    @Test
    void aMissingReaderAnEmptyOneAndAStoppedPcscdFailWithWordsAndTheChecksRecover() throws Exception {
        CheckResult missing = diagnostics.atr("No Such Reader", listener);
        assertThat(missing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(missing.message()).contains("no reader matches \"No Such Reader\"");

        CheckResult empty = diagnostics.applets(Pcscd.CONTACT_READER, listener);
        assertThat(empty.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(empty.message()).startsWith("NoCardException");

        pcscd.stop();
        CheckResult stopped = diagnostics.readers(listener);
        assertThat(stopped.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(stopped.message()).contains("pcscd");

        long restarted = System.nanoTime();
        pcscd.start();
        kiosk.contactEvents.await(CardEvent.Type.READER_FOUND, Duration.ofSeconds(10));
        CheckResult back = diagnostics.readers(listener);
        System.out.printf("diagnostics after a pcscd restart: readers listed again %.0f ms after pcscd started%n",
                (System.nanoTime() - restarted) / 1e6);
        assertThat(back.verdict()).as(back.toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void cardAndReaderEventsAreWatchedLive() throws Exception {
        CardWatch watch = diagnostics.watch();
        BlockingQueue<CardWatch.Event> events = new LinkedBlockingQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread watching = new Thread(() -> {
            try {
                watch.run(events::add, Duration.ofMillis(50), stop::get);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch");
        watching.start();
        try {
            assertThat(next(events, CardWatch.Event.Type.READER_ADDED).reader()).isEqualTo(Pcscd.CONTACT_READER);
            assertThat(next(events, CardWatch.Event.Type.READER_ADDED).reader()).isEqualTo(Pcscd.CONTACTLESS_READER);

            kiosk.insert(kiosk.creditCard);
            CardWatch.Event inserted = next(events, CardWatch.Event.Type.CARD_INSERTED);
            assertThat(inserted.reader()).isEqualTo(Pcscd.CONTACT_READER);
            assertThat(inserted.detail()).startsWith("ATR 3B ");

            kiosk.remove(kiosk.creditCard);
            assertThat(next(events, CardWatch.Event.Type.CARD_REMOVED).reader()).isEqualTo(Pcscd.CONTACT_READER);

            pcscd.stop();
            next(events, CardWatch.Event.Type.SERVICE_LOST);
            next(events, CardWatch.Event.Type.READER_REMOVED);
            next(events, CardWatch.Event.Type.READER_REMOVED);
            pcscd.start();
            next(events, CardWatch.Event.Type.SERVICE_BACK);
            assertThat(next(events, CardWatch.Event.Type.READER_ADDED).reader()).isEqualTo(Pcscd.CONTACT_READER);
        } finally {
            stop.set(true);
            watching.join(5_000);
        }
    }

    /** The next event, which must be of {@code type}; fails with what came instead. */
    static CardWatch.Event next(BlockingQueue<CardWatch.Event> events, CardWatch.Event.Type type) throws Exception {
        CardWatch.Event event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event " + type).isNotNull();
        assertThat(event.type()).as(event.toString()).isEqualTo(type);
        return event;
    }

    static String value(CheckResult result, String name) {
        return result.findings().stream().filter(f -> f.name().equals(name)).map(Finding::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + result));
    }
}
