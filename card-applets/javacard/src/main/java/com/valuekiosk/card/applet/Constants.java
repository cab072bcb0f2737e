package com.valuekiosk.card.applet;

/**
 * Every number of the card protocol that the applets know: class and instruction bytes, data
 * layouts, personalisation tags and status words. {@code card-applets/APDU.md} explains them;
 * the host library mirrors them in {@code com.valuekiosk.card.host.CardProtocol}, and a test checks
 * that both sides agree, name by name.
 */
public final class Constants {

    private Constants() {
    }

    // ---- Class bytes ----
    /** ISO inter-industry commands: SELECT and VERIFY. */
    public static final byte CLA_ISO = (byte) 0x00;
    /** Our proprietary commands. */
    public static final byte CLA_PROPRIETARY = (byte) 0x80;

    // ---- Instructions ----
    public static final byte INS_SELECT = (byte) 0xA4;
    public static final byte INS_VERIFY = (byte) 0x20;
    public static final byte INS_GET_DATA = (byte) 0xCA;
    public static final byte INS_READ_RECORD = (byte) 0xB2;
    public static final byte INS_AUTHORIZE_PURCHASE = (byte) 0xAE;
    public static final byte INS_DEBIT = (byte) 0x30;
    public static final byte INS_CREDIT = (byte) 0x32;
    public static final byte INS_PUT_DATA = (byte) 0xDA;
    public static final byte INS_ACTIVATE = (byte) 0x44;
    /** Purse: the card's state, MACed with a server challenge (the e-money server acts only on that). */
    public static final byte INS_PROVE_STATE = (byte) 0xCC;

    /** VERIFY P2: the card's only PIN (ISO 7816-4 "specific reference data"). */
    public static final byte P2_VERIFY_PIN = (byte) 0x80;
    /** READ RECORD P2: "record number given in P1". */
    public static final byte P2_READ_RECORD_BY_NUMBER = (byte) 0x04;

    // ---- Status words beyond javacard.framework.ISO7816 ----
    /** VERIFY wrong PIN: 63Cx, x = tries left (OR-ed in by the applet). */
    public static final short SW_PIN_TRIES_REMAINING = (short) 0x63C0;
    /** PIN blocked: no tries left. */
    public static final short SW_PIN_BLOCKED = (short) 0x6983;
    /** A MAC in the command does not verify. */
    public static final short SW_BAD_MAC = (short) 0x6988;
    /** The command is not allowed in the card's life cycle state (personalisation vs. operational). */
    public static final short SW_WRONG_LIFE_CYCLE = (short) 0x6985;
    /** ACTIVATE before every mandatory item was personalised. */
    public static final short SW_PERSONALISATION_INCOMPLETE = (short) 0x6A88;
    /** READ RECORD of a log record that does not exist. */
    public static final short SW_RECORD_NOT_FOUND = (short) 0x6A83;
    /** CREDIT/DEBIT sequence number is not the card's current one: replayed or out of order. */
    public static final short SW_SEQUENCE_MISMATCH = (short) 0x9101;
    /** CREDIT would take the balance above the maximum balance. */
    public static final short SW_MAXIMUM_BALANCE_EXCEEDED = (short) 0x9102;
    /** DEBIT of more than the balance. */
    public static final short SW_INSUFFICIENT_BALANCE = (short) 0x9103;
    /** A card counter (ATC or sequence number) has reached its last value. */
    public static final short SW_COUNTER_EXHAUSTED = (short) 0x9104;

    // ---- Life cycle (third byte of the SELECT answer) ----
    public static final byte LIFE_CYCLE_PERSONALISATION = (byte) 0x01;
    public static final byte LIFE_CYCLE_OPERATIONAL = (byte) 0x02;

    // ---- SELECT answer: kind, version, life cycle ----
    public static final byte APPLET_KIND_CREDIT = (byte) 0x01;
    public static final byte APPLET_KIND_PURSE = (byte) 0x02;
    /** 02: the SELECT answer of an operational card carries its data (01 answered the first 3 bytes only). */
    public static final byte APPLET_VERSION = (byte) 0x02;
    /** The first bytes of every SELECT answer; all of it in personalisation. */
    public static final short SELECT_RESPONSE_LENGTH = 3;
    /** Credit card SELECT answer, operational: byte 3 holds these flags, the GET DATA answer follows. */
    public static final byte SELECT_FLAG_PURSE_ON_CARD = (byte) 0x01;
    /** Credit card SELECT answer, operational: kind, version, life cycle, flags, then the GET DATA answer. */
    public static final short CREDIT_SELECT_DATA_OFFSET = 4;

    // ---- Sizes ----
    public static final short CARD_NUMBER_LENGTH = 8;
    public static final short AMOUNT_LENGTH = 4;
    public static final short CURRENCY_LENGTH = 2;
    public static final short EXPIRY_LENGTH = 2;
    public static final short TERMINAL_ID_LENGTH = 8;
    public static final short TRANSACTION_ID_LENGTH = 8;
    public static final short COUNTER_LENGTH = 2;
    public static final short KEY_LENGTH = 16;
    public static final short MAC_LENGTH = 8;
    public static final short HOLDER_NAME_MAX_LENGTH = 26;
    public static final short PIN_MIN_LENGTH = 4;
    public static final short PIN_MAX_LENGTH = 8;
    public static final byte PIN_TRY_LIMIT_DEFAULT = 3;
    public static final byte PIN_TRY_LIMIT_MAX = 15;

    // ---- MAC message types (first byte of every MACed message) ----
    public static final byte MAC_TYPE_PURCHASE_CRYPTOGRAM = (byte) 0x01;
    public static final byte MAC_TYPE_CREDIT = (byte) 0x11;
    public static final byte MAC_TYPE_CREDIT_RECEIPT = (byte) 0x12;
    public static final byte MAC_TYPE_DEBIT = (byte) 0x21;
    public static final byte MAC_TYPE_DEBIT_RECEIPT = (byte) 0x22;
    public static final byte MAC_TYPE_STATE_PROOF = (byte) 0x13;

    /** PIN-verified flag in the purchase cryptogram. */
    public static final byte PIN_VERIFIED = (byte) 0x01;

    // ---- Credit card: personalisation tags (PUT DATA P2) ----
    public static final byte TAG_CREDIT_CARD_NUMBER = (byte) 0x01;
    public static final byte TAG_CREDIT_EXPIRY = (byte) 0x02;
    public static final byte TAG_CREDIT_HOLDER_NAME = (byte) 0x03;
    public static final byte TAG_CREDIT_PIN = (byte) 0x04;
    public static final byte TAG_CREDIT_CARD_KEY = (byte) 0x05;

    // ---- Purse: personalisation tags (PUT DATA P2) ----
    public static final byte TAG_PURSE_CARD_NUMBER = (byte) 0x01;
    public static final byte TAG_PURSE_CURRENCY = (byte) 0x02;
    public static final byte TAG_PURSE_MAXIMUM_BALANCE = (byte) 0x03;
    public static final byte TAG_PURSE_INITIAL_BALANCE = (byte) 0x04;
    public static final byte TAG_PURSE_CREDIT_KEY = (byte) 0x05;
    public static final byte TAG_PURSE_DEBIT_KEY = (byte) 0x06;

    // ---- Credit card: command and answer layouts ----
    /** AUTHORIZE PURCHASE data: amount 4, currency 2, e-money card number 8, terminal id 8. */
    public static final short AUTHORIZE_DATA_LENGTH = 22;
    /** AUTHORIZE PURCHASE answer: ATC 2, cryptogram 8. */
    public static final short AUTHORIZE_RESPONSE_LENGTH = 10;
    /** GET DATA (credit) answer before the holder name: number 8, expiry 2, ATC 2, tries 1, name length 1. */
    public static final short CREDIT_DATA_FIXED_LENGTH = 14;

    // ---- Purse: command and answer layouts ----
    /** CREDIT data: amount 4, sequence 2, server transaction id 8, MAC 8. */
    public static final short CREDIT_DATA_LENGTH = 22;
    /** DEBIT data: amount 4, sequence 2, terminal id 8, MAC 8. */
    public static final short DEBIT_DATA_LENGTH = 22;
    /** CREDIT/DEBIT answer: new balance 4, next sequence number 2, receipt MAC 8. */
    public static final short PURSE_RESPONSE_LENGTH = 14;
    /** GET DATA (purse) answer: number 8, currency 2, balance 4, maximum 4, credit seq 2, debit seq 2, log count 1. */
    public static final short PURSE_DATA_LENGTH = 23;
    /** PROVE STATE data: the e-money server's challenge. */
    public static final short CHALLENGE_LENGTH = 8;
    /** PROVE STATE answer: the GET DATA answer, then the state proof MAC 8. */
    public static final short PROVE_STATE_RESPONSE_LENGTH = 31;

    // ---- Purse log ----
    public static final short LOG_CAPACITY = 10;
    /** One log record: type 1, sequence 2, amount 4, balance after 4, reference 8. */
    public static final short LOG_RECORD_LENGTH = 19;
    public static final byte LOG_TYPE_CREDIT = (byte) 0x01;
    public static final byte LOG_TYPE_DEBIT = (byte) 0x02;
}
