package com.valuekiosk.kiosk.ui.panel;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.ui.Keys;
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
        return List.of(
                new PanelCard(CREDIT, Keys.PANEL_CARD_CREDIT, factory.creditCard(DemoCards.CREDIT_CARD)),
                new PanelCard(CONTACTLESS_CREDIT, Keys.PANEL_CARD_CONTACTLESS_CREDIT,
                        factory.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD)),
                new PanelCard(EMONEY, Keys.PANEL_CARD_EMONEY, factory.purseCard(DemoCards.EMONEY_CARD)),
                new PanelCard(COMBO, Keys.PANEL_CARD_COMBO, factory.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE)),
                new PanelCard(PHONE, Keys.PANEL_CARD_PHONE, factory.phone(DemoCards.PHONE_PURSE)));
    }
}
