package com.valuekiosk.kiosk.demo;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.kiosk.demo.panel.PanelCard;
import java.util.List;
import java.util.Objects;

/**
 * The demo's two simulated readers and its card set (the cards of {@link DemoCards}, personalised with the
 * development issuer keys the demo servers know): everything the usability card panel (R-UT1) needs to
 * put cards on and take them off the readers.
 */
public record DemoReaders(SimulatedReader contact, SimulatedReader contactless, SimulatedCard creditCard,
                          SimulatedCard contactlessCreditCard, SimulatedCard comboCard, SimulatedCard emoneyCard,
                          SimulatedCard phone) {

    public DemoReaders {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(contactless, "contactless");
        Objects.requireNonNull(creditCard, "creditCard");
        Objects.requireNonNull(contactlessCreditCard, "contactlessCreditCard");
        Objects.requireNonNull(comboCard, "comboCard");
        Objects.requireNonNull(emoneyCard, "emoneyCard");
        Objects.requireNonNull(phone, "phone");
    }

    /** New readers and freshly personalised cards, as they come from the issuer. */
    public static DemoReaders create() {
        SimulatedCardFactory factory = new SimulatedCardFactory(IssuerMasterKeys.demo());
        return new DemoReaders(SimulatedReader.contact(), SimulatedReader.contactless(),
                factory.creditCard(DemoCards.CREDIT_CARD),
                factory.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD),
                factory.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE),
                factory.purseCard(DemoCards.EMONEY_CARD),
                factory.phone(DemoCards.PHONE_PURSE));
    }

    /** Every card of the set, in the order a card panel shows them. */
    public List<SimulatedCard> cards() {
        return List.of(creditCard, contactlessCreditCard, comboCard, emoneyCard, phone);
    }

    /** The same cards as the card panel shows them: an id for node ids, a name from the message bundles. */
    public List<PanelCard> panelCards() {
        return PanelCard.of(creditCard, contactlessCreditCard, emoneyCard, comboCard, phone);
    }

    /**
     * The cards of FIG. 9B in place: the credit card in the contact reader, the e-money card on the
     * contactless one. A purchase and its charge-up then work straight from the menu; with the card panel
     * beside the screen, a person moves cards themselves.
     */
    public void placePurchaseCards() {
        contact.insert(creditCard);
        contactless.tap(emoneyCard);
    }
}
