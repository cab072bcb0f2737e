package com.valuekiosk.kiosk.flow;

import static com.valuekiosk.kiosk.flow.KioskHarness.CARDS;
import static com.valuekiosk.kiosk.flow.KioskHarness.pin;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.flow.PurchaseFlow.Card;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which card the purchase needs next (FIG. 9B, FIG. 14A–14C), decided by the flow: the screens only show it
 * and read what is presented. Simulated cards and readers, real servers over mutual TLS.
 */
class PurchaseCardsTest {

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;
    KioskHarness kiosk;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
    }

    @AfterEach
    void close() throws Exception {
        kiosk.close();
    }

    private PurchaseFlow onTheContactlessReader() {
        return kiosk.engine.purchase(true, new HostPinEntry(), kiosk.states::add);
    }

    @Test
    void onTwoReadersTheCreditCardComesFirstThenTheEmoneyCardThenNothing() {
        kiosk.contact.insert(kiosk.creditCard);
        kiosk.contactless.tap(kiosk.emoneyCard);
        PurchaseFlow flow = kiosk.purchase();
        assertThat(flow.nextCard()).isEqualTo(Card.CREDIT_CARD);

        assertThat(flow.readPresentedCard()).isEqualTo(PurchaseFlow.State.READING_EMONEY_CARD);
        assertThat(flow.nextCard()).isEqualTo(Card.EMONEY_CARD);
        assertThat(flow.readPresentedCard()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.nextCard()).as("each card has its own reader: nothing to present again").isEqualTo(Card.NONE);
        assertThat(flow.readPresentedCard()).as("nothing left to read").isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);

        assertThat(flow.transmit(pin(DemoCards.PIN), 2_000)).isEqualTo(PurchaseFlow.State.APPROVED);
        assertThat(flow.nextCard()).isEqualTo(Card.NONE);
    }

    @Test
    void readCardsReadsBothCardsOnTheirReadersAtOnce() {
        kiosk.contact.insert(kiosk.creditCard);
        kiosk.contactless.tap(CARDS.phone(DemoCards.PHONE_PURSE)); // FIG. 14C
        PurchaseFlow flow = kiosk.purchase();

        assertThat(flow.readCards()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.emoneyCard()).isEqualTo(DemoCards.PHONE_PURSE.cardNumber());
        assertThat(kiosk.states).containsSubsequence(PurchaseFlow.State.READING_CREDIT_CARD,
                PurchaseFlow.State.READING_EMONEY_CARD, PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.transmit(pin(DemoCards.PIN), 1_000)).isEqualTo(PurchaseFlow.State.APPROVED);
    }

    @Test
    void readCardsStopsAtTheFirstCardMissing() {
        kiosk.contact.insert(kiosk.creditCard);
        PurchaseFlow flow = kiosk.purchase();

        assertThat(flow.readCards()).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(flow.failure().error()).isEqualTo(FlowError.NO_CARD);
        assertThat(flow.nextCard()).isEqualTo(Card.NONE);
    }

    @Test
    void aComboCardGivesBothCardsAndStaysOnTheReaderForTransmit() {
        SimulatedCard combo = CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        kiosk.contactless.tap(combo); // FIG. 14B
        PurchaseFlow flow = onTheContactlessReader();

        assertThat(flow.readCards()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(kiosk.states).as("one read gives both").doesNotContain(PurchaseFlow.State.READING_EMONEY_CARD);
        assertThat(flow.nextCard()).isEqualTo(Card.CREDIT_CARD_AGAIN);
        assertThat(flow.transmit(pin(DemoCards.PIN), 3_000)).as(String.valueOf(flow.failure()))
                .isEqualTo(PurchaseFlow.State.APPROVED);
    }

    @Test
    void fig14aOnOneReaderAsksForEachCardAsItIsPresented() {
        SimulatedCard contactlessCredit = CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        PurchaseFlow flow = onTheContactlessReader();
        assertThat(flow.nextCard()).isEqualTo(Card.CREDIT_CARD);

        kiosk.contactless.tap(contactlessCredit);
        assertThat(flow.readPresentedCard()).isEqualTo(PurchaseFlow.State.READING_EMONEY_CARD);
        assertThat(flow.nextCard()).isEqualTo(Card.EMONEY_CARD);

        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        assertThat(flow.readPresentedCard()).isEqualTo(PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT);
        assertThat(flow.nextCard()).isEqualTo(Card.CREDIT_CARD_AGAIN);

        kiosk.contactless.remove();
        kiosk.contactless.tap(contactlessCredit);
        assertThat(flow.transmit(pin(DemoCards.PIN), 2_000)).as(String.valueOf(flow.failure()))
                .isEqualTo(PurchaseFlow.State.APPROVED);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isEqualTo(2_000);
    }

    @Test
    void fig14aAnEmoneyCardPresentedWhenTheCreditCardIsAskedForEndsTheFlow() {
        kiosk.contactless.tap(kiosk.emoneyCard);
        PurchaseFlow flow = onTheContactlessReader();

        assertThat(flow.readPresentedCard()).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(flow.failure().error()).isEqualTo(FlowError.CARD_NOT_SUPPORTED);
        assertThat(flow.nextCard()).isEqualTo(Card.NONE);
    }

    @Test
    void fig14aAnotherCreditCardPresentedAgainIsRefusedAndNothingIsBilled() {
        SimulatedCard contactlessCredit = CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        PurchaseFlow flow = onTheContactlessReader();
        kiosk.contactless.tap(contactlessCredit);
        flow.readPresentedCard();
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        flow.readPresentedCard();
        kiosk.contactless.remove();
        kiosk.contactless.tap(CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE)); // a credit card, not that one

        assertThat(flow.transmit(pin(DemoCards.PIN), 2_000)).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(flow.failure().error()).isEqualTo(FlowError.CARD_NOT_SUPPORTED);
        assertThat(flow.failure().detail()).contains("another card");
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isZero();
        assertThat(kiosk.engine.journal().unfinished()).as("nothing left the kiosk: the purchase is closed").isEmpty();
    }
}
