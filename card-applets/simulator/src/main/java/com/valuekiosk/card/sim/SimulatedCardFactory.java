package com.valuekiosk.card.sim;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardProfile;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.Personalisation;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.sim.SimulatedCard.FormFactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes simulated cards the way an issuer makes real ones: install the applets, then personalise
 * them through their APDUs ({@link Personalisation}) with keys derived from the issuer master keys.
 */
public final class SimulatedCardFactory {

    private static final String CREDIT_APPLET = "com.valuekiosk.card.applet.CreditCardApplet";
    private static final String PURSE_APPLET = "com.valuekiosk.card.applet.PurseApplet";

    private final IssuerMasterKeys issuer;
    private final AppletCode code;

    /** Cards whose applets are the applet classes. */
    public SimulatedCardFactory(IssuerMasterKeys issuer) {
        this(issuer, AppletCode.CLASSES);
    }

    /** Cards whose applets run on {@code code}: the applet classes, or the CAP file through the CAP interpreter. */
    public SimulatedCardFactory(IssuerMasterKeys issuer, AppletCode code) {
        this.issuer = issuer;
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A contact credit IC card. */
    public SimulatedCard creditCard(CreditCardProfile profile) {
        return build(FormFactor.CONTACT_CREDIT_CARD, "Credit card " + profile.cardNumber().masked(), profile, null);
    }

    /** A contactless credit card (FIG. 14A). */
    public SimulatedCard contactlessCreditCard(CreditCardProfile profile) {
        return build(FormFactor.CONTACTLESS_CREDIT_CARD, "Contactless credit card " + profile.cardNumber().masked(), profile, null);
    }

    /** An e-money card. */
    public SimulatedCard purseCard(PurseProfile profile) {
        return build(FormFactor.PURSE_CARD, "E-money card " + profile.cardNumber().masked(), null, profile);
    }

    /** One chip with both applets (FIG. 14B). */
    public SimulatedCard comboCard(CreditCardProfile credit, PurseProfile purse) {
        return build(FormFactor.COMBO_CARD, "Combo card " + credit.cardNumber().masked(), credit, purse);
    }

    /** A phone carrying the purse (FIG. 14C). */
    public SimulatedCard phone(PurseProfile profile) {
        return build(FormFactor.PHONE, "Phone " + profile.cardNumber().masked(), null, profile);
    }

    /** A card with the applets installed but not personalised: for personalisation tests and tools. */
    public static SimulatedCard blank(FormFactor formFactor, byte pinTryLimit) {
        return blank(formFactor, pinTryLimit, AppletCode.CLASSES);
    }

    /** A blank card whose applets run on {@code code}. */
    public static SimulatedCard blank(FormFactor formFactor, byte pinTryLimit, AppletCode code) {
        return install("Blank " + formFactor, formFactor, pinTryLimit, code);
    }

    private static SimulatedCard install(String label, FormFactor formFactor, byte pinTryLimit, AppletCode code) {
        JcardsimChip chip = new JcardsimChip(code);
        List<String> aids = new ArrayList<>();
        if (formFactor == FormFactor.CONTACT_CREDIT_CARD || formFactor == FormFactor.CONTACTLESS_CREDIT_CARD
                || formFactor == FormFactor.COMBO_CARD) {
            chip.install(CREDIT_APPLET, Aids.CREDIT_CARD, new byte[] {pinTryLimit});
            aids.add(Aids.CREDIT_CARD);
        }
        if (formFactor != FormFactor.CONTACT_CREDIT_CARD && formFactor != FormFactor.CONTACTLESS_CREDIT_CARD) {
            chip.install(PURSE_APPLET, Aids.PURSE, new byte[0]);
            aids.add(Aids.PURSE);
        }
        return new SimulatedCard(label, formFactor, chip, aids);
    }

    private SimulatedCard build(FormFactor formFactor, String label, CreditCardProfile credit, PurseProfile purse) {
        byte pinTryLimit = credit == null ? CardProtocol.PIN_TRY_LIMIT_DEFAULT : (byte) credit.pinTryLimit();
        SimulatedCard card = install(label, formFactor, pinTryLimit, code);
        try {
            if (credit != null) {
                Personalisation.personalise(card, credit, issuer);
            }
            if (purse != null) {
                Personalisation.personalise(card, purse, issuer);
            }
        } catch (CardStatusException | CardTransportException e) {
            throw new IllegalStateException("personalising " + label + " failed: " + e.getMessage(), e);
        }
        card.powerOff();
        return card;
    }
}
