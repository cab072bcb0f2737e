package com.valuekiosk.kiosk.ui.takecard;

import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import java.util.Objects;

/**
 * "Please take your card": where the kiosk goes instead of the menu while a credit card is left in the slot —
 * after a completed charge-up, a blocked PIN, "back to menu" or the idle timeout — so that the next person
 * never finds someone else's card inserted. It stays until the card is taken, then the menu opens by itself.
 * The idle timeout brings it back while the card stays ({@link Navigator#home()} goes through the same gate).
 */
public final class TakeCardViewModel implements Resettable {

    private final CardPresence cards;
    private final Navigator navigator;

    public TakeCardViewModel(CardPresence cards, Navigator navigator) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        navigator.gateMenu(() -> cards.isContactPresent() ? Screen.TAKE_CARD : Screen.MENU);
        cards.contactPresentProperty().addListener((o, was, present) -> {
            if (!present && navigator.current() == Screen.TAKE_CARD) {
                navigator.navigate(Screen.MENU);
            }
        });
    }

    /** Whether the card is still in the slot (the screen shows it until it is not). */
    public boolean cardInSlot() {
        return cards.isContactPresent();
    }

    @Override
    public void reset() {
        // nothing typed here
    }
}
