package com.valuekiosk.kiosk.demo.panel;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import java.util.List;
import java.util.Objects;

/**
 * One card on the usability card panel (R-UT1): {@code id} names its buttons ({@code panel-<id>-insert},
 * {@code -tap}, {@code -remove}), {@code nameKey} is its name in the bundles, {@code card} the simulated card.
 */
public record PanelCard(String id, String nameKey, SimulatedCard card) {

    public static final String CREDIT = "credit";
    public static final String CONTACTLESS_CREDIT = "contactless-credit";
    public static final String EMONEY = "emoney";
    public static final String COMBO = "combo";
    public static final String PHONE = "phone";

    public PanelCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nameKey, "nameKey");
        Objects.requireNonNull(card, "card");
    }

    /**
     * The five demo cards (the numbers of {@link DemoCards}, which the servers' demo data knows), made by
     * {@code factory} — give it {@code IssuerMasterKeys.demo()}: IC credit card, contactless credit card
     * (FIG. 14A), e-money card, combo card (FIG. 14B), phone (FIG. 14C).
     */
    public static List<PanelCard> demoCards(SimulatedCardFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return of(factory.creditCard(DemoCards.CREDIT_CARD), factory.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD),
                factory.purseCard(DemoCards.EMONEY_CARD), factory.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE),
                factory.phone(DemoCards.PHONE_PURSE));
    }

    /** The five cards of the panel, in its order, made elsewhere (a demo's or a test's own card objects). */
    public static List<PanelCard> of(SimulatedCard creditCard, SimulatedCard contactlessCreditCard, SimulatedCard emoneyCard,
                                     SimulatedCard comboCard, SimulatedCard phone) {
        return List.of(
                new PanelCard(CREDIT, PanelKeys.PANEL_CARD_CREDIT, creditCard),
                new PanelCard(CONTACTLESS_CREDIT, PanelKeys.PANEL_CARD_CONTACTLESS_CREDIT, contactlessCreditCard),
                new PanelCard(EMONEY, PanelKeys.PANEL_CARD_EMONEY, emoneyCard),
                new PanelCard(COMBO, PanelKeys.PANEL_CARD_COMBO, comboCard),
                new PanelCard(PHONE, PanelKeys.PANEL_CARD_PHONE, phone));
    }
}
