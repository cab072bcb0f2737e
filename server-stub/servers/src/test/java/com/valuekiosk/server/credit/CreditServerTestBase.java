package com.valuekiosk.server.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every credit company server test shares: one PKI per class, a directory per test, and the
 * log of each test read afterwards — unmasked, as the code wrote it — for full card numbers.
 */
abstract class CreditServerTestBase {

    /** Registered nowhere. */
    static final CardNumber UNREGISTERED = CardNumber.of("4999990000000047");
    /** Registered by one test, expired. */
    static final CardNumber EXPIRED = CardNumber.of("4999990000000054");

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;
    LogCapture logs;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture();
    }

    @AfterEach
    void noFullCardNumberWasLogged() {
        logs.close();
        assertLogIsClean(logs.unmaskedText());
    }

    /** Subclasses add what else their log must (not) hold. */
    void assertLogIsClean(String log) {
        assertNoCardNumberIn(log);
    }

    /** Neither the demo cards' nor these tests' card numbers, in full. */
    static void assertNoCardNumberIn(String log) {
        for (CardNumber card : new CardNumber[] {DemoCards.CREDIT_CARD.cardNumber(), DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber(),
                DemoCards.COMBO_CREDIT.cardNumber(), DemoCards.EMONEY_CARD.cardNumber(), DemoCards.COMBO_PURSE.cardNumber(),
                DemoCards.PHONE_PURSE.cardNumber(), UNREGISTERED, EXPIRED}) {
            assertThat(log).doesNotContain(card.digits());
        }
    }
}
