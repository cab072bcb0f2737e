package com.valuekiosk.card.sim;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardTransport;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;

/**
 * A card made of our applets on jcardsim, as a reader sees it: APDUs in, APDUs out. The part of a
 * card's runtime that jcardsim's {@code transmitCommand} leaves out is done here — SELECT by AID
 * switches applets, and a command with no applet selected answers 6A82 — so that a terminal cannot
 * tell this card from a real one by its answers.
 *
 * <p>Not thread-safe by itself; {@link #transmit} is synchronized because a reader and a test may
 * share a card.
 */
public final class SimulatedCard implements CardTransport {

    /** How the card is built and which reader it fits (FIG. 14A–14C). */
    public enum FormFactor {
        /** Credit IC card in the contact reader. */
        CONTACT_CREDIT_CARD(true, false),
        /** Contactless credit card, tapped on the contactless reader before the e-money card (FIG. 14A). */
        CONTACTLESS_CREDIT_CARD(false, true),
        /** E-money card on the contactless reader. */
        PURSE_CARD(false, true),
        /** Both applets on one dual-interface chip (FIG. 14B). */
        COMBO_CARD(true, true),
        /** A phone whose secure element carries the purse (FIG. 14C). */
        PHONE(false, true);

        private final boolean contact;
        private final boolean contactless;

        FormFactor(boolean contact, boolean contactless) {
            this.contact = contact;
            this.contactless = contactless;
        }

        public boolean contact() {
            return contact;
        }

        public boolean contactless() {
            return contactless;
        }
    }

    private final String label;
    private final FormFactor formFactor;
    private final JcardsimChip chip;
    private final List<String> aids;
    private boolean anySelected;

    SimulatedCard(String label, FormFactor formFactor, JcardsimChip chip, List<String> aids) {
        this.label = label;
        this.formFactor = formFactor;
        this.chip = chip;
        this.aids = List.copyOf(aids);
    }

    /** A short name for people ("Demo Visa ****1234", "Phone"). Never the full card number. */
    public String label() {
        return label;
    }

    public FormFactor formFactor() {
        return formFactor;
    }

    /** AIDs of the applets on this card. */
    public List<String> aids() {
        return aids;
    }

    @Override
    public synchronized byte[] transmit(byte[] command) {
        if (!isShortApdu(command)) {
            // The transmission layer refuses what no short APDU case allows (ISO 7816-3/-4).
            return status(CardProtocol.SW_WRONG_LENGTH);
        }
        if (command.length == 4) {
            // Case 1 goes over T=0 with P3 = 00; jcardsim would otherwise read a stale Lc.
            command = Arrays.copyOf(command, 5);
        }
        try {
            if (isSelectByName(command)) {
                return select(command);
            }
            if (!anySelected) {
                return status(CardProtocol.SW_FILE_NOT_FOUND);
            }
            return chip.transmit(command);
        } catch (InvocationTargetException e) {
            // An exception the applet did not turn into a status word: a real card answers 6F00.
            return status(CardProtocol.SW_UNKNOWN);
        }
    }

    /** The card leaves the field (or the contact reader powers it down): nothing stays selected. */
    public synchronized void powerOff() {
        try {
            chip.reset();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("jcardsim reset failed", e.getCause());
        }
        anySelected = false;
    }

    private byte[] select(byte[] command) throws InvocationTargetException {
        int lc = command.length > 5 ? command[4] & 0xFF : 0;
        byte[] aid = Arrays.copyOfRange(command, 5, 5 + lc);
        if (aids.stream().noneMatch(installed -> Arrays.equals(Bytes.fromHex(installed), aid))) {
            return status(CardProtocol.SW_FILE_NOT_FOUND);
        }
        byte[] answer = chip.select(aid);
        anySelected = true;
        return answer;
    }

    /** Case 1 (header), 2 (header, Le), 3 (header, Lc, data) or 4 (header, Lc, data, Le); Lc 00 is not short. */
    private static boolean isShortApdu(byte[] command) {
        if (command == null || command.length < 4) {
            return false;
        }
        if (command.length <= 5) {
            return true;
        }
        int lc = command[4] & 0xFF;
        return lc > 0 && (command.length == 5 + lc || command.length == 6 + lc);
    }

    private static boolean isSelectByName(byte[] command) {
        // P2 00: first occurrence, answer FCI; 0C: first occurrence, no FCI wanted (our answer is the same).
        return command.length >= 5 && command[0] == CardProtocol.CLA_ISO && command[1] == CardProtocol.INS_SELECT
                && command[2] == CardProtocol.P1_SELECT_BY_NAME && (command[3] == 0x00 || command[3] == 0x0C);
    }

    private static byte[] status(int sw) {
        return new byte[] {(byte) (sw >> 8), (byte) sw};
    }

    @Override
    public String toString() {
        return label + " (" + formFactor + ")";
    }
}
