package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;

/** Demo cards on jcardsim, made fresh for each test (shared through the engine's test jar). */
public final class TestCards {

    public static final IssuerMasterKeys ISSUER = IssuerMasterKeys.demo();
    public static final SimulatedCardFactory FACTORY = new SimulatedCardFactory(ISSUER);
    public static final TerminalId TERMINAL = new TerminalId("KIOSK001");

    private TestCards() {
    }

    public static SimulatedCard creditCard() {
        return FACTORY.creditCard(DemoCards.CREDIT_CARD);
    }

    public static SimulatedCard contactlessCreditCard() {
        return FACTORY.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
    }

    public static SimulatedCard purseCard() {
        return FACTORY.purseCard(DemoCards.EMONEY_CARD);
    }

    public static SimulatedCard comboCard() {
        return FACTORY.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
    }

    public static SimulatedCard phone() {
        return FACTORY.phone(DemoCards.PHONE_PURSE);
    }

    public static byte[] creditKey(CardNumber purse) {
        return ISSUER.cardKey(KeyUsage.PURSE_CREDIT, purse);
    }

    public static PurchaseRequest purchase(long amount) {
        return new PurchaseRequest(amount, DemoCards.YEN, DemoCards.EMONEY_CARD.cardNumber(), TERMINAL);
    }
}
