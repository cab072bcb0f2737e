package com.valuekiosk.card.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;

/**
 * What both applets share: the SELECT answer (kind, version, life cycle, then the card's data once
 * operational), the class byte check and the life cycle. A card
 * leaves the factory in personalisation, where only PUT DATA and ACTIVATE work; ACTIVATE (once
 * every mandatory item is written) moves it to operational for good, after which PUT DATA and
 * ACTIVATE answer {@link Constants#SW_WRONG_LIFE_CYCLE} (R-CA3).
 *
 * <p>Public although nothing outside the package uses it: a Java Card converter refuses a
 * package-visible superclass that has public or protected methods, and {@code process} must be
 * public.
 */
public abstract class PersonalisedApplet extends Applet {

    private final byte kind;
    private byte lifeCycle = Constants.LIFE_CYCLE_PERSONALISATION;

    protected PersonalisedApplet(byte kind) {
        this.kind = kind;
    }

    public final void process(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        if (selectingApplet()) {
            buffer[0] = kind;
            buffer[1] = Constants.APPLET_VERSION;
            buffer[2] = lifeCycle;
            short length = Constants.SELECT_RESPONSE_LENGTH;
            if (lifeCycle == Constants.LIFE_CYCLE_OPERATIONAL) {
                length = writeSelectData(buffer, length);
            }
            Apdus.send(apdu, length);
            return;
        }
        byte cla = buffer[ISO7816.OFFSET_CLA];
        if (cla != Constants.CLA_ISO && cla != Constants.CLA_PROPRIETARY) {
            ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
        }
        byte ins = buffer[ISO7816.OFFSET_INS];
        if (ins == Constants.INS_PUT_DATA) {
            requirePersonalisation(buffer);
            if (buffer[ISO7816.OFFSET_P1] != 0) {
                ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
            }
            short length = Apdus.receive(apdu, (short) 1, (short) 255);
            putData(buffer[ISO7816.OFFSET_P2], buffer, ISO7816.OFFSET_CDATA, length);
        } else if (ins == Constants.INS_ACTIVATE) {
            requirePersonalisation(buffer);
            Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
            if (!isPersonalisationComplete()) {
                ISOException.throwIt(Constants.SW_PERSONALISATION_INCOMPLETE);
            }
            lifeCycle = Constants.LIFE_CYCLE_OPERATIONAL;
        } else {
            processOperational(apdu, buffer, ins);
        }
    }

    /**
     * Handles every command but SELECT, PUT DATA and ACTIVATE. Each known instruction checks its
     * class byte and then calls {@link #requireOperational()}; an unknown one answers 6D00.
     */
    protected abstract void processOperational(APDU apdu, byte[] buffer, byte ins);

    /**
     * Writes what the terminal needs of this card after the SELECT answer's first bytes, at {@code offset}
     * (operational only: a card in personalisation has no data yet); returns the answer's whole length. The
     * terminal then needs no GET DATA (APDU.md 3.1).
     */
    protected abstract short writeSelectData(byte[] buffer, short offset);

    /** Stores one personalisation item; wrong tag 6A86, wrong length 6700, bad value 6A80. */
    protected abstract void putData(byte tag, byte[] buffer, short offset, short length);

    protected abstract boolean isPersonalisationComplete();

    protected final void requireOperational() {
        if (lifeCycle != Constants.LIFE_CYCLE_OPERATIONAL) {
            ISOException.throwIt(Constants.SW_WRONG_LIFE_CYCLE);
        }
    }

    private void requirePersonalisation(byte[] buffer) {
        Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
        if (lifeCycle != Constants.LIFE_CYCLE_PERSONALISATION) {
            ISOException.throwIt(Constants.SW_WRONG_LIFE_CYCLE);
        }
    }

    protected static void requireLength(short length, short expected) {
        if (length != expected) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
    }

    protected static void requireData(boolean valid) {
        if (!valid) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
    }

    /**
     * Offset of the application-specific parameters in the install parameters (GlobalPlatform
     * layout: AID, control info, application data, each preceded by its length), or -1 when there
     * are none.
     */
    protected static short applicationDataOffset(byte[] parameters, short offset, byte length) {
        short end = (short) (offset + length);
        short aidLength = (short) (parameters[offset] & 0xFF);
        short control = (short) (offset + 1 + aidLength);
        if (control >= end) {
            return -1;
        }
        short data = (short) (control + 1 + (parameters[control] & 0xFF));
        // The length byte and at least one byte of application data must lie inside the parameters.
        if ((short) (data + 1) >= end || parameters[data] == 0) {
            return -1;
        }
        return (short) (data + 1);
    }

    /** Registers under the AID of the install parameters, or the default one when none is given. */
    protected final void registerFrom(byte[] parameters, short offset, byte length) {
        if (length > 0 && parameters[offset] > 0) {
            register(parameters, (short) (offset + 1), parameters[offset]);
        } else {
            register();
        }
    }
}
