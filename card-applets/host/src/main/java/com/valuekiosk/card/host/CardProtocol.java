package com.valuekiosk.card.host;

/**
 * The numbers of the card protocol, host side: the same names and values as the applets'
 * {@code com.valuekiosk.card.applet.Constants} (a test holds the two together), plus the ISO 7816
 * status words the applets answer. {@code card-applets/APDU.md} explains each of them.
 */
public final class CardProtocol {

    private CardProtocol() {
    }

    // ---- Class bytes ----
    public static final byte CLA_ISO = (byte) 0x00;
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
    public static final byte INS_PROVE_STATE = (byte) 0xCC;

    public static final byte P1_SELECT_BY_NAME = (byte) 0x04;
    public static final byte P2_VERIFY_PIN = (byte) 0x80;
    public static final byte P2_READ_RECORD_BY_NUMBER = (byte) 0x04;

    // ---- Status words ----
    public static final int SW_SUCCESS = 0x9000;
    public static final int SW_PIN_TRIES_REMAINING = 0x63C0;
    public static final int SW_WRONG_LENGTH = 0x6700;
    public static final int SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    public static final int SW_PIN_BLOCKED = 0x6983;
    public static final int SW_WRONG_LIFE_CYCLE = 0x6985;
    public static final int SW_BAD_MAC = 0x6988;
    public static final int SW_WRONG_DATA = 0x6A80;
    public static final int SW_FILE_NOT_FOUND = 0x6A82;
    public static final int SW_RECORD_NOT_FOUND = 0x6A83;
    public static final int SW_INCORRECT_P1P2 = 0x6A86;
    public static final int SW_PERSONALISATION_INCOMPLETE = 0x6A88;
    public static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    public static final int SW_CLA_NOT_SUPPORTED = 0x6E00;
    public static final int SW_UNKNOWN = 0x6F00;
    public static final int SW_SEQUENCE_MISMATCH = 0x9101;
    public static final int SW_MAXIMUM_BALANCE_EXCEEDED = 0x9102;
    public static final int SW_INSUFFICIENT_BALANCE = 0x9103;
    public static final int SW_COUNTER_EXHAUSTED = 0x9104;

    // ---- Life cycle and SELECT answer ----
    public static final byte LIFE_CYCLE_PERSONALISATION = (byte) 0x01;
    public static final byte LIFE_CYCLE_OPERATIONAL = (byte) 0x02;
    public static final byte APPLET_KIND_CREDIT = (byte) 0x01;
    public static final byte APPLET_KIND_PURSE = (byte) 0x02;
    /** 02: an operational card's SELECT answer carries its data; 01 (older cards) answers the first 3 bytes only. */
    public static final byte APPLET_VERSION = (byte) 0x02;
    /** The first bytes of every SELECT answer (kind, version, life cycle); all of it in personalisation. */
    public static final short SELECT_RESPONSE_LENGTH = 3;
    /** Credit card SELECT answer, byte 3: a purse applet shares the chip (a combo card). */
    public static final byte SELECT_FLAG_PURSE_ON_CARD = (byte) 0x01;
    /** Credit card SELECT answer: where the GET DATA answer starts (after the flags byte). */
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

    // ---- MAC message types ----
    public static final byte MAC_TYPE_PURCHASE_CRYPTOGRAM = (byte) 0x01;
    public static final byte MAC_TYPE_CREDIT = (byte) 0x11;
    public static final byte MAC_TYPE_CREDIT_RECEIPT = (byte) 0x12;
    public static final byte MAC_TYPE_DEBIT = (byte) 0x21;
    public static final byte MAC_TYPE_DEBIT_RECEIPT = (byte) 0x22;
    public static final byte MAC_TYPE_STATE_PROOF = (byte) 0x13;
    public static final byte PIN_VERIFIED = (byte) 0x01;

    // ---- Personalisation tags ----
    public static final byte TAG_CREDIT_CARD_NUMBER = (byte) 0x01;
    public static final byte TAG_CREDIT_EXPIRY = (byte) 0x02;
    public static final byte TAG_CREDIT_HOLDER_NAME = (byte) 0x03;
    public static final byte TAG_CREDIT_PIN = (byte) 0x04;
    public static final byte TAG_CREDIT_CARD_KEY = (byte) 0x05;
    public static final byte TAG_PURSE_CARD_NUMBER = (byte) 0x01;
    public static final byte TAG_PURSE_CURRENCY = (byte) 0x02;
    public static final byte TAG_PURSE_MAXIMUM_BALANCE = (byte) 0x03;
    public static final byte TAG_PURSE_INITIAL_BALANCE = (byte) 0x04;
    public static final byte TAG_PURSE_CREDIT_KEY = (byte) 0x05;
    public static final byte TAG_PURSE_DEBIT_KEY = (byte) 0x06;

    // ---- Layouts ----
    public static final short AUTHORIZE_DATA_LENGTH = 22;
    public static final short AUTHORIZE_RESPONSE_LENGTH = 10;
    public static final short CREDIT_DATA_FIXED_LENGTH = 14;
    public static final short CREDIT_DATA_LENGTH = 22;
    public static final short DEBIT_DATA_LENGTH = 22;
    public static final short PURSE_RESPONSE_LENGTH = 14;
    public static final short PURSE_DATA_LENGTH = 23;
    public static final short CHALLENGE_LENGTH = 8;
    public static final short PROVE_STATE_RESPONSE_LENGTH = 31;

    // ---- Purse log ----
    public static final short LOG_CAPACITY = 10;
    public static final short LOG_RECORD_LENGTH = 19;
    public static final byte LOG_TYPE_CREDIT = (byte) 0x01;
    public static final byte LOG_TYPE_DEBIT = (byte) 0x02;
}
