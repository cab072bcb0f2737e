package com.valuekiosk.card.host;

import java.util.ArrayList;
import java.util.List;

/** The terminal side of the e-money purse applet (R-CA2), over any {@link CardTransport}. */
public final class PurseApplication {

    private final CardTransport card;

    public PurseApplication(CardTransport card) {
        this.card = card;
    }

    /**
     * The SELECT answer; on an operational card it carries the purse's data (APDU.md 6.1).
     *
     * @throws MalformedResponseException when the answer does not match its layout, or is not a purse's
     */
    public AppletInfo select() throws CardTransportException, CardStatusException {
        AppletInfo info = AppletInfo.parse(send("SELECT purse", CardCommands.select(Aids.PURSE), -1));
        if (info.kind() != AppletInfo.Kind.PURSE) {
            throw new MalformedResponseException("SELECT purse answered as a " + info.kind());
        }
        return info;
    }

    /** GET DATA: for diagnostics and cards whose SELECT answer carries no data (version 1). */
    public PurseData readCardData() throws CardTransportException, CardStatusException {
        return PurseData.parse(send("GET DATA", CardCommands.getData(), CardProtocol.PURSE_DATA_LENGTH));
    }

    /** The purse's data from its SELECT answer {@code selected}, or by GET DATA when the answer had none. */
    public PurseData cardData(AppletInfo selected) throws CardTransportException, CardStatusException {
        return selected.purse().isPresent() ? selected.purse().get() : readCardData();
    }

    /**
     * The card's state MACed with the e-money server's {@code challenge}: one command instead of GET
     * DATA, for what the server is asked to act on.
     */
    public PurseStateProof proveState(byte[] challenge) throws CardTransportException, CardStatusException {
        return PurseStateProof.parse(send("PROVE STATE", CardCommands.proveState(challenge),
                CardProtocol.PROVE_STATE_RESPONSE_LENGTH), challenge);
    }

    /** The whole log, newest first. */
    public List<PurseLogEntry> readLog() throws CardTransportException, CardStatusException {
        return readLog(readCardData().logCount());
    }

    /** The newest {@code count} log records (the log count of the purse's data), newest first. */
    public List<PurseLogEntry> readLog(int count) throws CardTransportException, CardStatusException {
        List<PurseLogEntry> entries = new ArrayList<>(count);
        for (int number = 1; number <= count; number++) {
            entries.add(readLogRecord(number));
        }
        return entries;
    }

    /** One log record: 1 is the newest. */
    public PurseLogEntry readLogRecord(int number) throws CardTransportException, CardStatusException {
        return PurseLogEntry.parse(send("READ RECORD " + number, CardCommands.readLogRecord(number), CardProtocol.LOG_RECORD_LENGTH));
    }

    /** Writes amount change information to the card; the receipt goes back to the e-money server. */
    public PurseReceipt credit(AmountChange change) throws CardTransportException, CardStatusException {
        return PurseReceipt.parse(send("CREDIT", CardCommands.credit(change), CardProtocol.PURSE_RESPONSE_LENGTH));
    }

    public PurseReceipt debit(DebitAuthorization debit) throws CardTransportException, CardStatusException {
        return PurseReceipt.parse(send("DEBIT", CardCommands.debit(debit), CardProtocol.PURSE_RESPONSE_LENGTH));
    }

    private byte[] send(String what, byte[] command, int expectedLength) throws CardTransportException, CardStatusException {
        return CardResponse.parse(card.transmit(command)).requireSuccess(what, expectedLength);
    }
}
