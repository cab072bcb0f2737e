package com.valuekiosk.card.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;

/**
 * The electronic-money purse (R-CA2), on a contactless card or a phone. Only two commands change
 * the balance, and both carry a MAC from someone holding the issuer's keys: CREDIT (the amount
 * change information from the e-money server) and DEBIT (a store terminal). Each has its own
 * sequence counter, so a command is accepted once and in order. Balance, counter and log change
 * together inside one {@code JCSystem} transaction, and the answer carries a receipt MAC that
 * proves to the server that the change was applied.
 */
public final class PurseApplet extends PersonalisedApplet {

    private static final byte HAS_CARD_NUMBER = 0x01;
    private static final byte HAS_CURRENCY = 0x02;
    private static final byte HAS_MAXIMUM_BALANCE = 0x04;
    private static final byte HAS_CREDIT_KEY = 0x08;
    private static final byte HAS_DEBIT_KEY = 0x10;
    private static final byte HAS_MANDATORY = 0x1F;

    // Offsets in the CREDIT and DEBIT data, which share one layout.
    private static final short OFFSET_AMOUNT = ISO7816.OFFSET_CDATA;
    private static final short OFFSET_SEQUENCE = (short) (OFFSET_AMOUNT + Constants.AMOUNT_LENGTH);
    private static final short OFFSET_REFERENCE = (short) (OFFSET_SEQUENCE + Constants.COUNTER_LENGTH);
    private static final short OFFSET_MAC = (short) (OFFSET_REFERENCE + Constants.TRANSACTION_ID_LENGTH);
    /** Amount, sequence and reference: the command fields the MACs cover. */
    private static final short COVERED_LENGTH = (short) (Constants.AMOUNT_LENGTH + Constants.COUNTER_LENGTH
            + Constants.TRANSACTION_ID_LENGTH);

    private final byte[] cardNumber = new byte[Constants.CARD_NUMBER_LENGTH];
    private final byte[] currency = new byte[Constants.CURRENCY_LENGTH];
    private final byte[] balance = new byte[Constants.AMOUNT_LENGTH];
    private final byte[] maximumBalance = new byte[Constants.AMOUNT_LENGTH];
    /** Sequence numbers the next CREDIT and DEBIT must carry, unsigned. */
    private short creditSequence;
    private short debitSequence;
    private final AESKey creditKey;
    private final AESKey debitKey;
    /** Cyclic log, {@link Constants#LOG_CAPACITY} records; {@code logNext} is where the next one goes. */
    private final byte[] log = new byte[(short) (Constants.LOG_CAPACITY * Constants.LOG_RECORD_LENGTH)];
    private byte logNext;
    private byte logCount;
    private byte personalised;

    private final CardMac mac;
    /** The balance a CREDIT or DEBIT would leave, computed before anything persistent changes. */
    private final byte[] newBalance;

    private PurseApplet() {
        super(Constants.APPLET_KIND_PURSE);
        creditKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        debitKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        mac = new CardMac();
        newBalance = JCSystem.makeTransientByteArray(Constants.AMOUNT_LENGTH, JCSystem.CLEAR_ON_DESELECT);
    }

    public static void install(byte[] parameters, short offset, byte length) {
        new PurseApplet().registerFrom(parameters, offset, length);
    }

    protected void processOperational(APDU apdu, byte[] buffer, byte ins) {
        switch (ins) {
            case Constants.INS_GET_DATA:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                getData(apdu, buffer);
                return;
            case Constants.INS_PROVE_STATE:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                proveState(apdu, buffer);
                return;
            case Constants.INS_READ_RECORD:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                readRecord(apdu, buffer);
                return;
            case Constants.INS_CREDIT:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                credit(apdu, buffer);
                return;
            case Constants.INS_DEBIT:
                Apdus.requireClass(buffer, Constants.CLA_PROPRIETARY);
                requireOperational();
                debit(apdu, buffer);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void getData(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
        Apdus.send(apdu, writeData(buffer, (short) 0));
    }

    /** SELECT answer after kind, version and life cycle: the GET DATA answer. */
    protected short writeSelectData(byte[] buffer, short offset) {
        return writeData(buffer, offset);
    }

    /** The GET DATA answer at {@code offset}; returns where it ends. */
    private short writeData(byte[] buffer, short offset) {
        short at = Util.arrayCopyNonAtomic(cardNumber, (short) 0, buffer, offset, Constants.CARD_NUMBER_LENGTH);
        at = Util.arrayCopyNonAtomic(currency, (short) 0, buffer, at, Constants.CURRENCY_LENGTH);
        at = Util.arrayCopyNonAtomic(balance, (short) 0, buffer, at, Constants.AMOUNT_LENGTH);
        at = Util.arrayCopyNonAtomic(maximumBalance, (short) 0, buffer, at, Constants.AMOUNT_LENGTH);
        at = Util.setShort(buffer, at, creditSequence);
        at = Util.setShort(buffer, at, debitSequence);
        buffer[at++] = logCount;
        return at;
    }

    /**
     * Data: the e-money server's challenge 8. Answer: the GET DATA answer, then a MAC under the
     * credit key over type, card number, balance, credit sequence and the challenge: what the server
     * acts on is then what this card says, now, and not what a terminal says it said.
     */
    private void proveState(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
        Apdus.receiveExactly(apdu, Constants.CHALLENGE_LENGTH);
        byte[] message = mac.message();
        message[0] = Constants.MAC_TYPE_STATE_PROOF;
        short length = Util.arrayCopyNonAtomic(cardNumber, (short) 0, message, (short) 1, Constants.CARD_NUMBER_LENGTH);
        length = Util.arrayCopyNonAtomic(balance, (short) 0, message, length, Constants.AMOUNT_LENGTH);
        length = Util.setShort(message, length, creditSequence);
        length = Util.arrayCopyNonAtomic(buffer, ISO7816.OFFSET_CDATA, message, length, Constants.CHALLENGE_LENGTH);
        short at = writeData(buffer, (short) 0);
        mac.sign(creditKey, length, buffer, at);
        Apdus.send(apdu, Constants.PROVE_STATE_RESPONSE_LENGTH);
    }

    /** READ RECORD P1 = n answers the n-th newest log record (1 = the latest). */
    private void readRecord(APDU apdu, byte[] buffer) {
        if (buffer[ISO7816.OFFSET_P2] != Constants.P2_READ_RECORD_BY_NUMBER) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short number = (short) (buffer[ISO7816.OFFSET_P1] & 0xFF);
        if (number == 0 || number > logCount) {
            ISOException.throwIt(Constants.SW_RECORD_NOT_FOUND);
        }
        short slot = (short) (logNext - number);
        if (slot < 0) {
            slot += Constants.LOG_CAPACITY;
        }
        Util.arrayCopyNonAtomic(log, (short) (slot * Constants.LOG_RECORD_LENGTH), buffer, (short) 0,
                Constants.LOG_RECORD_LENGTH);
        Apdus.send(apdu, Constants.LOG_RECORD_LENGTH);
    }

    /** Data: amount 4, sequence 2, server transaction id 8, MAC 8 (credit key). */
    private void credit(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
        Apdus.receiveExactly(apdu, Constants.CREDIT_DATA_LENGTH);
        requireData(!Amounts.isZero(buffer, OFFSET_AMOUNT));
        if (!macMatches(Constants.MAC_TYPE_CREDIT, creditKey, buffer)) {
            ISOException.throwIt(Constants.SW_BAD_MAC);
        }
        requireSequence(buffer, creditSequence);
        if (!Amounts.add(balance, (short) 0, buffer, OFFSET_AMOUNT, newBalance, (short) 0)
                || Amounts.greaterThan(newBalance, (short) 0, maximumBalance, (short) 0)) {
            ISOException.throwIt(Constants.SW_MAXIMUM_BALANCE_EXCEEDED);
        }

        JCSystem.beginTransaction();
        Util.arrayCopy(newBalance, (short) 0, balance, (short) 0, Constants.AMOUNT_LENGTH);
        creditSequence++;
        appendLog(Constants.LOG_TYPE_CREDIT, buffer);
        JCSystem.commitTransaction();

        answerWithReceipt(apdu, buffer, Constants.MAC_TYPE_CREDIT_RECEIPT, creditKey, creditSequence);
    }

    /** Data: amount 4, sequence 2, terminal id 8, MAC 8 (debit key). */
    private void debit(APDU apdu, byte[] buffer) {
        Apdus.requireP1P2(buffer, (byte) 0, (byte) 0);
        Apdus.receiveExactly(apdu, Constants.DEBIT_DATA_LENGTH);
        requireData(!Amounts.isZero(buffer, OFFSET_AMOUNT));
        if (!macMatches(Constants.MAC_TYPE_DEBIT, debitKey, buffer)) {
            ISOException.throwIt(Constants.SW_BAD_MAC);
        }
        requireSequence(buffer, debitSequence);
        if (!Amounts.subtract(balance, (short) 0, buffer, OFFSET_AMOUNT, newBalance, (short) 0)) {
            ISOException.throwIt(Constants.SW_INSUFFICIENT_BALANCE);
        }

        JCSystem.beginTransaction();
        Util.arrayCopy(newBalance, (short) 0, balance, (short) 0, Constants.AMOUNT_LENGTH);
        debitSequence++;
        appendLog(Constants.LOG_TYPE_DEBIT, buffer);
        JCSystem.commitTransaction();

        answerWithReceipt(apdu, buffer, Constants.MAC_TYPE_DEBIT_RECEIPT, debitKey, debitSequence);
    }

    /** MAC input: type 1, card number 8, amount 4, sequence 2, reference 8. */
    private boolean macMatches(byte type, AESKey key, byte[] buffer) {
        short length = coveredMessage(type, buffer);
        return mac.verify(key, length, buffer, OFFSET_MAC);
    }

    private short coveredMessage(byte type, byte[] buffer) {
        byte[] message = mac.message();
        message[0] = type;
        short at = Util.arrayCopyNonAtomic(cardNumber, (short) 0, message, (short) 1, Constants.CARD_NUMBER_LENGTH);
        return Util.arrayCopyNonAtomic(buffer, OFFSET_AMOUNT, message, at, COVERED_LENGTH);
    }

    private static void requireSequence(byte[] buffer, short expected) {
        if (Util.getShort(buffer, OFFSET_SEQUENCE) != expected) {
            ISOException.throwIt(Constants.SW_SEQUENCE_MISMATCH);
        }
        // The counter never wraps: after 0xFFFF a card takes no more commands of that kind.
        if (expected == (short) 0xFFFF) {
            ISOException.throwIt(Constants.SW_COUNTER_EXHAUSTED);
        }
    }

    /** Inside the caller's transaction. Record: type 1, sequence 2, amount 4, balance after 4, reference 8. */
    private void appendLog(byte type, byte[] buffer) {
        short at = (short) (logNext * Constants.LOG_RECORD_LENGTH);
        log[at++] = type;
        at = Util.arrayCopy(buffer, OFFSET_SEQUENCE, log, at, Constants.COUNTER_LENGTH);
        at = Util.arrayCopy(buffer, OFFSET_AMOUNT, log, at, Constants.AMOUNT_LENGTH);
        at = Util.arrayCopy(balance, (short) 0, log, at, Constants.AMOUNT_LENGTH);
        Util.arrayCopy(buffer, OFFSET_REFERENCE, log, at, Constants.TRANSACTION_ID_LENGTH);
        logNext = (byte) ((short) (logNext + 1) % Constants.LOG_CAPACITY);
        if (logCount < Constants.LOG_CAPACITY) {
            logCount++;
        }
    }

    /** Answer: new balance 4, next sequence 2, receipt MAC 8 over the command's covered fields and the new balance. */
    private void answerWithReceipt(APDU apdu, byte[] buffer, byte type, AESKey key, short nextSequence) {
        short length = coveredMessage(type, buffer);
        length = Util.arrayCopyNonAtomic(balance, (short) 0, mac.message(), length, Constants.AMOUNT_LENGTH);
        short at = Util.arrayCopyNonAtomic(balance, (short) 0, buffer, (short) 0, Constants.AMOUNT_LENGTH);
        at = Util.setShort(buffer, at, nextSequence);
        mac.sign(key, length, buffer, at);
        Apdus.send(apdu, Constants.PURSE_RESPONSE_LENGTH);
    }

    protected void putData(byte tag, byte[] buffer, short offset, short length) {
        switch (tag) {
            case Constants.TAG_PURSE_CARD_NUMBER:
                requireLength(length, Constants.CARD_NUMBER_LENGTH);
                requireData(Bcd.isValid(buffer, offset, length));
                Util.arrayCopy(buffer, offset, cardNumber, (short) 0, length);
                personalised |= HAS_CARD_NUMBER;
                return;
            case Constants.TAG_PURSE_CURRENCY:
                requireLength(length, Constants.CURRENCY_LENGTH);
                requireData(Bcd.isValid(buffer, offset, length));
                Util.arrayCopy(buffer, offset, currency, (short) 0, length);
                personalised |= HAS_CURRENCY;
                return;
            case Constants.TAG_PURSE_MAXIMUM_BALANCE:
                requireLength(length, Constants.AMOUNT_LENGTH);
                requireData(!Amounts.isZero(buffer, offset));
                Util.arrayCopy(buffer, offset, maximumBalance, (short) 0, length);
                personalised |= HAS_MAXIMUM_BALANCE;
                return;
            case Constants.TAG_PURSE_INITIAL_BALANCE:
                requireLength(length, Constants.AMOUNT_LENGTH);
                Util.arrayCopy(buffer, offset, balance, (short) 0, length);
                return;
            case Constants.TAG_PURSE_CREDIT_KEY:
                requireLength(length, Constants.KEY_LENGTH);
                creditKey.setKey(buffer, offset);
                personalised |= HAS_CREDIT_KEY;
                return;
            case Constants.TAG_PURSE_DEBIT_KEY:
                requireLength(length, Constants.KEY_LENGTH);
                debitKey.setKey(buffer, offset);
                personalised |= HAS_DEBIT_KEY;
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
    }

    /** All mandatory items written; an initial balance (optional, default 0) above the maximum is 6A80. */
    protected boolean isPersonalisationComplete() {
        if (personalised != HAS_MANDATORY) {
            return false;
        }
        requireData(!Amounts.greaterThan(balance, (short) 0, maximumBalance, (short) 0));
        return true;
    }
}
