package com.valuekiosk.card.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;

/**
 * The credit IC card (R-CA1): card number, holder name, expiry, a PIN the card checks itself,
 * and a card key. After VERIFY, AUTHORIZE PURCHASE answers an application transaction counter and
 * a cryptogram the credit company server checks instead of trusting the terminal. One successful
 * VERIFY allows one authorisation; the verified state also ends on deselect and on a new SELECT.
 */
public final class CreditCardApplet extends PersonalisedApplet {

    private static final short PIN_BLOCK_LENGTH = Constants.PIN_MAX_LENGTH;
    private static final byte PIN_PAD = (byte) 0xFF;

    private static final byte HAS_CARD_NUMBER = 0x01;
    private static final byte HAS_EXPIRY = 0x02;
    private static final byte HAS_HOLDER_NAME = 0x04;
    private static final byte HAS_PIN = 0x08;
    private static final byte HAS_CARD_KEY = 0x10;
    private static final byte HAS_ALL = 0x1F;

    private final byte[] cardNumber = new byte[Constants.CARD_NUMBER_LENGTH];
    private final byte[] expiry = new byte[Constants.EXPIRY_LENGTH];
    private final byte[] holderName = new byte[Constants.HOLDER_NAME_MAX_LENGTH];
    private byte holderNameLength;
    private final OwnerPIN pin;
    private final AESKey cardKey;
    /** Application transaction counter, unsigned; 0xFFFF is the last value ever answered. */
    private short atc;
    private byte personalised;

    private final CardMac mac;
    /** The PIN padded to a fixed block, so its length does not show in the comparison. */
    private final byte[] pinBlock;
    /** The purse applet's AID (APDU.md 1.1): on a combo card it shares the chip, and the SELECT answer says so. */
    private final byte[] purseAid;

    private CreditCardApplet(byte pinTryLimit) {
        super(Constants.APPLET_KIND_CREDIT);
        pin = new OwnerPIN(pinTryLimit, (byte) PIN_BLOCK_LENGTH);
        cardKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        mac = new CardMac();
        pinBlock = JCSystem.makeTransientByteArray(PIN_BLOCK_LENGTH, JCSystem.CLEAR_ON_DESELECT);
        purseAid = new byte[] {(byte) 0xF0, 0x56, 0x4B, 0x49, 0x4F, 0x53, 0x4B, 0x02};
    }

    /** Application data of the install parameters, if any: byte 0 is the PIN try limit (1..15, default 3). */
    public static void install(byte[] parameters, short offset, byte length) {
        byte tryLimit = Constants.PIN_TRY_LIMIT_DEFAULT;
        short data = length > 0 ? applicationDataOffset(parameters, offset, length) : -1;
        if (data >= 0) {
            tryLimit = parameters[data];
        }
        if (tryLimit < 1 || tryLimit > Constants.PIN_TRY_LIMIT_MAX) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        new CreditCardApplet(tryLimit).registerFrom(parameters, offset, length);
    }

    public boolean select() {
        pin.reset();
        return true;
    }

    public void deselect() {
        pin.reset();
    }

    protected void processOperational(APDU apdu, byte[] buffer, byte ins) {
        switch (ins) {
            case Constants.INS_VERIFY:
                Apdus.requireClass(buffer, Constants.CLA_ISO);
                requireOperational();
                verify(apdu, buffer);
                return;
            case Constants.INS_GET_DATA:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                getData(apdu, buffer);
                return;
            case Constants.INS_AUTHORIZE_PURCHASE:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                authorizePurchase(apdu, buffer);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    /** VERIFY with a PIN checks it; VERIFY without data answers the state (9000 verified, 63Cx, 6983). */
    private void verify(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, Constants.P2_VERIFY_PIN);
        short length = Apdus.receive(apdu, (short) 0, Constants.PIN_MAX_LENGTH);
        if (pin.getTriesRemaining() == 0) {
            ISOException.throwIt(Constants.SW_PIN_BLOCKED);
        }
        if (length == 0) {
            if (!pin.isValidated()) {
                ISOException.throwIt((short) (Constants.SW_PIN_TRIES_REMAINING | pin.getTriesRemaining()));
            }
            return;
        }
        // A malformed PIN is refused before it can cost a try.
        requireData(length >= Constants.PIN_MIN_LENGTH && isDigits(buffer, ISO7816.OFFSET_CDATA, length));
        toPinBlock(buffer, ISO7816.OFFSET_CDATA, length);
        boolean correct = pin.check(pinBlock, (short) 0, (byte) PIN_BLOCK_LENGTH);
        Util.arrayFillNonAtomic(pinBlock, (short) 0, PIN_BLOCK_LENGTH, (byte) 0);
        Util.arrayFillNonAtomic(buffer, ISO7816.OFFSET_CDATA, length, (byte) 0);
        if (!correct) {
            byte left = pin.getTriesRemaining();
            ISOException.throwIt(left == 0 ? Constants.SW_PIN_BLOCKED : (short) (Constants.SW_PIN_TRIES_REMAINING | left));
        }
    }

    private void getData(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
        Apdus.send(apdu, writeData(buffer, (short) 0));
    }

    /**
     * SELECT answer after kind, version and life cycle: the flags (a purse on this chip: the terminal needs no
     * probe for a combo card), then the GET DATA answer. The purse is looked up in the card's registry when
     * the answer is made, so the flag is true by construction, whatever the personalisation said.
     */
    protected short writeSelectData(byte[] buffer, short offset) {
        boolean purseOnCard = JCSystem.lookupAID(purseAid, (short) 0, (byte) purseAid.length) != null;
        buffer[offset] = purseOnCard ? Constants.SELECT_FLAG_PURSE_ON_CARD : 0;
        return writeData(buffer, (short) (offset + 1));
    }

    /** The GET DATA answer at {@code offset}; returns where it ends. */
    private short writeData(byte[] buffer, short offset) {
        short at = Util.arrayCopyNonAtomic(cardNumber, (short) 0, buffer, offset, Constants.CARD_NUMBER_LENGTH);
        at = Util.arrayCopyNonAtomic(expiry, (short) 0, buffer, at, Constants.EXPIRY_LENGTH);
        at = Util.setShort(buffer, at, atc);
        buffer[at++] = pin.getTriesRemaining();
        buffer[at++] = holderNameLength;
        return Util.arrayCopyNonAtomic(holderName, (short) 0, buffer, at, holderNameLength);
    }

    /**
     * Data: amount 4, currency 2, e-money card number 8, terminal id 8. Answer: ATC 2, cryptogram 8.
     * The ATC is counted up before the cryptogram is made, so no two answers share one.
     */
    private void authorizePurchase(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
        Apdus.receiveExactly(apdu, Constants.AUTHORIZE_DATA_LENGTH);
        if (pin.getTriesRemaining() == 0) {
            ISOException.throwIt(Constants.SW_PIN_BLOCKED);
        }
        if (!pin.isValidated()) {
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        short amount = ISO7816.OFFSET_CDATA;
        short currency = (short) (amount + Constants.AMOUNT_LENGTH);
        short emoneyNumber = (short) (currency + Constants.CURRENCY_LENGTH);
        short terminalId = (short) (emoneyNumber + Constants.CARD_NUMBER_LENGTH);
        requireData(!Amounts.isZero(buffer, amount)
                && Bcd.isValid(buffer, currency, Constants.CURRENCY_LENGTH)
                && Bcd.isValid(buffer, emoneyNumber, Constants.CARD_NUMBER_LENGTH));
        if (atc == (short) 0xFFFF) {
            ISOException.throwIt(Constants.SW_COUNTER_EXHAUSTED);
        }

        JCSystem.beginTransaction();
        atc++;
        JCSystem.commitTransaction();
        pin.reset();

        byte[] message = mac.message();
        message[0] = Constants.MAC_TYPE_PURCHASE_CRYPTOGRAM;
        short at = Util.arrayCopyNonAtomic(cardNumber, (short) 0, message, (short) 1, Constants.CARD_NUMBER_LENGTH);
        // amount, currency, e-money card number and terminal id, in command order
        at = Util.arrayCopyNonAtomic(buffer, amount, message, at, Constants.AUTHORIZE_DATA_LENGTH);
        at = Util.setShort(message, at, atc);
        message[at++] = Constants.PIN_VERIFIED;

        Util.setShort(buffer, (short) 0, atc);
        mac.sign(cardKey, at, buffer, Constants.COUNTER_LENGTH);
        Apdus.send(apdu, Constants.AUTHORIZE_RESPONSE_LENGTH);
    }

    protected void putData(byte tag, byte[] buffer, short offset, short length) {
        switch (tag) {
            case Constants.TAG_CREDIT_CARD_NUMBER:
                requireLength(length, Constants.CARD_NUMBER_LENGTH);
                requireData(Bcd.isValid(buffer, offset, length));
                Util.arrayCopy(buffer, offset, cardNumber, (short) 0, length);
                personalised |= HAS_CARD_NUMBER;
                return;
            case Constants.TAG_CREDIT_EXPIRY:
                requireLength(length, Constants.EXPIRY_LENGTH);
                byte month = buffer[(short) (offset + 1)];
                requireData(Bcd.isValid(buffer, offset, length) && month >= 0x01 && month <= 0x12);
                Util.arrayCopy(buffer, offset, expiry, (short) 0, length);
                personalised |= HAS_EXPIRY;
                return;
            case Constants.TAG_CREDIT_HOLDER_NAME:
                if (length > Constants.HOLDER_NAME_MAX_LENGTH) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                requireData(isPrintable(buffer, offset, length));
                Util.arrayCopy(buffer, offset, holderName, (short) 0, length);
                holderNameLength = (byte) length;
                personalised |= HAS_HOLDER_NAME;
                return;
            case Constants.TAG_CREDIT_PIN:
                if (length < Constants.PIN_MIN_LENGTH || length > Constants.PIN_MAX_LENGTH) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                requireData(isDigits(buffer, offset, length));
                toPinBlock(buffer, offset, length);
                pin.update(pinBlock, (short) 0, (byte) PIN_BLOCK_LENGTH);
                Util.arrayFillNonAtomic(pinBlock, (short) 0, PIN_BLOCK_LENGTH, (byte) 0);
                Util.arrayFillNonAtomic(buffer, offset, length, (byte) 0);
                personalised |= HAS_PIN;
                return;
            case Constants.TAG_CREDIT_CARD_KEY:
                requireLength(length, Constants.KEY_LENGTH);
                cardKey.setKey(buffer, offset);
                personalised |= HAS_CARD_KEY;
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
    }

    protected boolean isPersonalisationComplete() {
        return personalised == HAS_ALL;
    }

    private void toPinBlock(byte[] buffer, short offset, short length) {
        Util.arrayFillNonAtomic(pinBlock, (short) 0, PIN_BLOCK_LENGTH, PIN_PAD);
        Util.arrayCopyNonAtomic(buffer, offset, pinBlock, (short) 0, length);
    }

    private static boolean isDigits(byte[] buffer, short offset, short length) {
        for (short i = offset; i < (short) (offset + length); i++) {
            if (buffer[i] < '0' || buffer[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(byte[] buffer, short offset, short length) {
        for (short i = offset; i < (short) (offset + length); i++) {
            if (buffer[i] < 0x20 || buffer[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
