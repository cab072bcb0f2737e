package com.valuekiosk.kiosk.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.ReaderException;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcscd restarted, stopped, or started after the kiosk: the kiosk's readers come back by themselves (the engine's
 * {@code PcscContext} establishes a new PC/SC context), and a purchase works again without restarting the kiosk.
 * Each test owns its pcscd. The recovery times are printed ("pcscd recovery: …").
 */
class PcscdRestartTest {

    /** The cards' bridges reconnect as soon as vpcd listens again; the readers must follow within this. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;
    Pcscd pcscd;
    PcscKiosk kiosk;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @AfterEach
    void close() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @Test
    void aPcscdRestartedUnderTheKioskIsFoundAgainAndAPurchaseWorks() throws Exception {
        pcscd = new Pcscd();
        pcscd.start();
        kiosk = new PcscKiosk(pcscd, pki, directory);
        kiosk.awaitReaders();
        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        assertThat(kiosk.buy(1_000).state()).isEqualTo(PurchaseFlow.State.APPROVED);

        pcscd.stop();
        kiosk.contactEvents.await(CardEvent.Type.READER_LOST, RECOVERY_TIMEOUT);
        kiosk.contactlessEvents.await(CardEvent.Type.READER_LOST, RECOVERY_TIMEOUT);
        // pcscd drops its readers before it exits: a poll in between saw NO_READER (READER_LOST all the same).
        // stop() returned after the exit, so this look on the test's thread finds the service gone.
        kiosk.contact.pollOnce();
        assertThat(kiosk.contact.state()).isEqualTo(CardReader.State.SERVICE_UNAVAILABLE);
        kiosk.creditCard.remove();
        kiosk.emoneyCard.remove();

        long restarted = System.nanoTime();
        pcscd.start();
        long found = kiosk.contactEvents.await(CardEvent.Type.READER_FOUND, RECOVERY_TIMEOUT).nanoTime();
        kiosk.contactlessEvents.await(CardEvent.Type.READER_FOUND, RECOVERY_TIMEOUT);
        report("restarted under the kiosk", restarted, found);

        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        PurchaseFlow again = kiosk.buy(2_000);
        assertThat(again.state()).as(String.valueOf(again.failure())).isEqualTo(PurchaseFlow.State.APPROVED);
        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(charge.confirm(true)).as(String.valueOf(charge.failure())).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(charge.charged()).isEqualTo(3_000);
        kiosk.assertMoneyConserved(3_000);
    }

    @Test
    void aPcscdStartedAfterTheKioskIsFound() throws Exception {
        pcscd = new Pcscd(); // configured, not running
        kiosk = new PcscKiosk(pcscd, pki, directory);
        kiosk.contact.pollOnce(); // one look now, on this thread (the monitor's own polls go on beside it)
        assertThat(kiosk.contact.state()).isEqualTo(CardReader.State.SERVICE_UNAVAILABLE);
        assertThatThrownBy(kiosk.contact::connect).isInstanceOf(ReaderException.class)
                .hasMessageContaining("PC/SC service");

        long started = System.nanoTime();
        pcscd.start();
        long found = kiosk.contactEvents.await(CardEvent.Type.READER_FOUND, RECOVERY_TIMEOUT).nanoTime();
        kiosk.contactlessEvents.await(CardEvent.Type.READER_FOUND, RECOVERY_TIMEOUT);
        report("started after the kiosk", started, found);

        kiosk.insert(kiosk.creditCard);
        kiosk.insert(kiosk.emoneyCard);
        PurchaseFlow purchase = kiosk.buy(2_000);
        assertThat(purchase.state()).as(String.valueOf(purchase.failure())).isEqualTo(PurchaseFlow.State.APPROVED);
    }

    @Test
    void aStoppedPcscdIsAStateNotAFailureAndACardInTheReaderIsSeenWhenItReturns() throws Exception {
        pcscd = new Pcscd();
        pcscd.start();
        kiosk = new PcscKiosk(pcscd, pki, directory);
        kiosk.awaitReaders();
        kiosk.insert(kiosk.creditCard);

        pcscd.stop();
        kiosk.contactEvents.await(CardEvent.Type.READER_LOST, RECOVERY_TIMEOUT);
        kiosk.contact.pollOnce(); // after pcscd exited, as in the test above
        assertThat(kiosk.contact.isCardPresent()).isFalse();
        assertThat(kiosk.contact.stateDetail()).contains("PC/SC service");
        assertThatThrownBy(kiosk.contact::connect).isInstanceOf(ReaderException.class);

        kiosk.creditCard.remove();
        pcscd.start();
        kiosk.creditCard.insert(RECOVERY_TIMEOUT); // the card stayed in the reader: it is there when vpcd is back
        kiosk.contactEvents.await(CardEvent.Type.READER_FOUND, RECOVERY_TIMEOUT);
        kiosk.contactEvents.await(CardEvent.Type.CARD_INSERTED, RECOVERY_TIMEOUT);
        assertThat(kiosk.contact.isCardPresent()).isTrue();
        assertThat(kiosk.contactEvents.all()).containsSubsequence(CardEvent.Type.READER_FOUND, CardEvent.Type.CARD_INSERTED,
                CardEvent.Type.READER_LOST, CardEvent.Type.READER_FOUND, CardEvent.Type.CARD_INSERTED);
    }

    private static void report(String what, long startedNanos, long foundNanos) {
        System.out.printf(Locale.ROOT, "pcscd recovery: %s — readers found %.0f ms after pcscd's socket was up "
                + "(poll interval %d ms)%n", what, (foundNanos - startedNanos) / 1e6,
                com.valuekiosk.kiosk.reader.PcscReader.DEFAULT_POLL_INTERVAL.toMillis());
    }
}
