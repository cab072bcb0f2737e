package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;

/** Demo cards on jcardsim, made fresh for each test. */
final class TestCards {

    static final IssuerMasterKeys ISSUER = IssuerMasterKeys.demo();
    static final SimulatedCardFactory FACTORY = new SimulatedCardFactory(ISSUER);
    static final TerminalId TERMINAL = new TerminalId("KIOSK001");

    private TestCards() {
    }

    static SimulatedCard creditCard() {
        return FACTORY.creditCard(DemoCards.CREDIT_CARD);
    }

    static SimulatedCard contactlessCreditCard() {
        return FACTORY.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
    }

    static SimulatedCard purseCard() {
        return FACTORY.purseCard(DemoCards.EMONEY_CARD);
    }

    static SimulatedCard comboCard() {
        return FACTORY.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
    }

    static SimulatedCard phone() {
        return FACTORY.phone(DemoCards.PHONE_PURSE);
    }

    static byte[] creditKey(CardNumber purse) {
        return ISSUER.cardKey(KeyUsage.PURSE_CREDIT, purse);
    }

    static PurchaseRequest purchase(long amount) {
        return new PurchaseRequest(amount, DemoCards.YEN, DemoCards.EMONEY_CARD.cardNumber(), TERMINAL);
    }
}
