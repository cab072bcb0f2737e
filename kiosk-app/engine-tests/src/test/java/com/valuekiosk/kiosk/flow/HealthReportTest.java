package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.kiosk.client.Outcome;
import com.valuekiosk.kiosk.health.HealthReporter;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.emoney.TerminalHealth;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.TerminalHealthAck;
import com.valuekiosk.wire.TerminalHealthReport;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk tells the e-money server how it stands (monitoring, API.md §4.11): readers, whether it
 * reaches both servers, what its journal holds open and how big it is — and a kiosk that cannot
 * report says so once in its log, not every minute.
 */
class HealthReportTest {

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;

    private KioskHarness kiosk;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @AfterEach
    void close() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void aKioskCutOffFromTheCreditCompanyReportsItWithThePurchaseItHoldsOpen() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        kiosk.creditCompanyUnreachable();
        kiosk.restart();
        try (LogCapture log = new LogCapture()) {
            PurchaseFlow purchase = kiosk.buy(1_000);
            assertThat(purchase.state()).isEqualTo(PurchaseFlow.State.FAILED);

            HealthReporter reporter = new HealthReporter(kiosk.engine, kiosk.credit, kiosk.emoney,
                    () -> 4_242, Clock.systemUTC(), "ValueKiosk kiosk test");
            TerminalHealthReport reading = reporter.reading();
            assertThat(reading.readers()).extracting(TerminalHealthReport.Reader::kind, TerminalHealthReport.Reader::state,
                    TerminalHealthReport.Reader::cardPresent).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("CONTACT", "READY", true),
                            org.assertj.core.groups.Tuple.tuple("CONTACTLESS", "READY", true));
            assertThat(reading.servers()).extracting(TerminalHealthReport.Server::server, TerminalHealthReport.Server::reachable)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("credit", false),
                            org.assertj.core.groups.Tuple.tuple("emoney", true));
            assertThat(reading.servers().get(0).problem()).isNotBlank();
            assertThat(reading.openTransactions()).as("the purchase whose answer never came").isEqualTo(1);

            Outcome<TerminalHealthAck> sent = reporter.reportNow();
            assertThat(sent).isInstanceOf(Outcome.Success.class);
            assertThat(((Outcome.Success<TerminalHealthAck>) sent).value().terminalId()).isEqualTo(ServersFixture.KIOSK);

            TerminalHealth.Status kept = new TerminalHealth(kiosk.servers.emoney().database(), Clock.systemUTC()).latest().stream()
                    .filter(status -> status.terminalId().equals(ServersFixture.KIOSK)).findFirst().orElseThrow();
            assertThat(kept.serversUnreachable()).isEqualTo(1);
            assertThat(kept.readersNotReady()).isZero();
            assertThat(kept.openTransactions()).isEqualTo(1);
            assertThat(kept.journalBytes()).isEqualTo(4_242);
            assertThat(kept.troubled()).isTrue();

            String everything = log.unmaskedText() + kept.report();
            for (CardNumber card : KioskHarness.allCardNumbers()) {
                assertThat(everything).doesNotContain(card.digits());
            }
        }
    }

    @Test
    void aReportThatCannotBeDeliveredIsLoggedOnceAndItsReturnToo() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        HealthReporter reporter = new HealthReporter(kiosk.engine, kiosk.credit, kiosk.emoney,
                () -> 0, Clock.systemUTC(), "ValueKiosk kiosk test");
        try (LogCapture log = new LogCapture()) {
            kiosk.servers.stopEmoney();
            assertThat(reporter.reading().servers()).extracting(TerminalHealthReport.Server::reachable).containsExactly(true, false);
            assertThat(reporter.reportNow()).isInstanceOf(Outcome.Unknown.class);
            assertThat(reporter.reportNow()).isInstanceOf(Outcome.Unknown.class);
            kiosk.servers.startEmoney();
            assertThat(reporter.reportNow()).isInstanceOf(Outcome.Success.class);

            String text = log.text();
            assertThat(text.split("health report not delivered", -1)).as(text).hasSize(2);
            assertThat(text).contains("health reports delivered again");
        }
    }
}
