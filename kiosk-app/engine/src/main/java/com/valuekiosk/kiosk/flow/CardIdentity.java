package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.MalformedResponseException;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardSession;

/**
 * What a card on a reader carries, found by SELECTing our two applets' AIDs and nothing else (no data read,
 * nothing written): a credit card, a purse (an e-money card or a phone), both (a combo card, FIG. 14B) or
 * neither. The purchase screen uses it to know how the person pays before asking.
 */
public record CardIdentity(boolean credit, boolean purse) {

    /** Connects to the card on {@code reader} and SELECTs the credit card applet, then the purse applet. */
    public static CardIdentity of(CardReader reader) throws CardTransportException {
        try (CardSession session = reader.connect()) {
            boolean credit = answers(() -> new CreditCardApplication(session).select());
            boolean purse = answers(() -> new PurseApplication(session).select());
            return new CardIdentity(credit, purse);
        }
    }

    private interface Select {
        void run() throws CardTransportException, CardStatusException, MalformedResponseException;
    }

    /** True when the card selected the applet; a status word (6A82: no such applet) or an odd answer is no. */
    private static boolean answers(Select select) throws CardTransportException {
        try {
            select.run();
            return true;
        } catch (CardStatusException | MalformedResponseException notThere) {
            return false;
        }
    }
}
