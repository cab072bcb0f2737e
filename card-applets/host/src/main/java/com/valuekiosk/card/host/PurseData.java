package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.Currencies;
import java.util.Currency;

/**
 * GET DATA of the purse. {@code creditSequence} is the sequence number the next CREDIT must carry
 * (the number of credits applied so far); the e-money server issues amount change information for
 * it, and compares it with what it issued to tell whether a change was applied.
 */
public record PurseData(CardNumber cardNumber, Currency currency, long balance, long maximumBalance,
                        int creditSequence, int debitSequence, int logCount) {

    public static PurseData parse(byte[] data) {
        if (data.length != CardProtocol.PURSE_DATA_LENGTH) {
            throw new MalformedResponseException("purse data of " + data.length + " bytes, expected "
                    + CardProtocol.PURSE_DATA_LENGTH);
        }
        return new PurseData(CardNumber.fromBcd(data, 0), Currencies.fromBcd(data, 8), Bytes.readAmount(data, 10),
                Bytes.readAmount(data, 14), Bytes.readCounter(data, 18), Bytes.readCounter(data, 20), data[22] & 0xFF);
    }
}
