package com.valuekiosk.kiosk.client;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.wire.ValuePurchaseRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Settings, names and requests the client tests share. */
final class TestClients {

    /** Registered on both servers. */
    static final String KIOSK = "KIOSK001";
    /** Has a certificate from our CA but is registered nowhere. */
    static final String STRANGER = "STRANGER";

    static final String EMONEY_CARD = DemoCards.EMONEY_CARD.cardNumber().digits();
    static final String PHONE = DemoCards.PHONE_PURSE.cardNumber().digits();

    /** Backoff the tests expect to see recorded; nobody sleeps it (see {@link RecordingSleeper}). */
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(800));

    /**
     * Failures in these tests are refused connections and scripted answers, never waits, so the
     * timeouts only bound a test that goes wrong. The read timeout stays well above the e-money
     * server's password hashing (over a second on a busy machine): a timeout there would retry
     * and count a wrong password twice.
     */
    static final ClientSettings SETTINGS = new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(15),
            Duration.ofSeconds(5), Duration.ofSeconds(30), BACKOFF);

    private TestClients() {
    }

    /** A purchase with the demo contact credit card for the demo e-money card, signed by the card for KIOSK001. */
    static ValuePurchaseRequest purchase(long amount, int atc) {
        return purchase(UUID.randomUUID(), amount, atc);
    }

    static ValuePurchaseRequest purchase(UUID requestId, long amount, int atc) {
        CardNumber creditCard = DemoCards.CREDIT_CARD.cardNumber();
        PurchaseRequest signed = new PurchaseRequest(amount, DemoCards.YEN, DemoCards.EMONEY_CARD.cardNumber(),
                new TerminalId(KIOSK));
        PurchaseAuthorization authorization = PurchaseAuthorization.compute(
                IssuerMasterKeys.demo().cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, creditCard), creditCard, signed, atc);
        return new ValuePurchaseRequest(requestId, creditCard.digits(), EMONEY_CARD, amount,
                DemoCards.YEN.getCurrencyCode(), atc, Bytes.hex(authorization.cryptogram()));
    }
}
