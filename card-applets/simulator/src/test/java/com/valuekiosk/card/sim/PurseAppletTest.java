package com.valuekiosk.card.sim;

import static com.valuekiosk.card.sim.CardTestSupport.key;
import static com.valuekiosk.card.sim.CardTestSupport.send;
import static com.valuekiosk.card.sim.CardTestSupport.swHex;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DebitAuthorization;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.card.host.TerminalId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PurseAppletTest {

    /** What runs the applets: their classes here; {@link PurseAppletOnCapTest} runs every test of this class on the CAP file. */
    AppletCode appletCode() {
        return AppletCode.CLASSES;
    }

    SimulatedCardFactory factory() {
        return CardTestSupport.factory(appletCode());
    }

    private static final CardNumber PURSE = DemoCards.EMONEY_CARD.cardNumber();
    private static final byte[] CREDIT_KEY = key(KeyUsage.PURSE_CREDIT, PURSE);
    private static final byte[] DEBIT_KEY = key(KeyUsage.PURSE_DEBIT, PURSE);
    private static final TerminalId STORE = new TerminalId("STORE042");

    private SimulatedCard card;
    private PurseApplication purse;

    @BeforeEach
    void tapCard() throws Exception {
        card = factory().purseCard(DemoCards.EMONEY_CARD);
        purse = new PurseApplication(card);
        purse.select();
    }

    @Test
    void selectAnswersKindVersionLifeCycleAndThePurseData() throws Exception {
        AppletInfo info = purse.select();
        assertThat(info.kind()).isEqualTo(AppletInfo.Kind.PURSE);
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.operational()).isTrue();
        assertThat(info.purse()).contains(new PurseData(PURSE, DemoCards.YEN, 1_000, 50_000, 0, 0, 0));
        assertThat(info.creditCard()).isEmpty();
        assertThat(info.purseOnCard()).isEmpty();
    }

    /** APDU.md 6.1: kind, version, life cycle, then the GET DATA answer byte for byte (26 bytes). */
    @Test
    void selectAnswerIsThePrefixAndTheGetDataAnswer() {
        String getData = Bytes.hex(send(card, "80 CA 00 00 00"));
        String select = Bytes.hex(send(card, CardCommands.select(Aids.PURSE)));
        assertThat(select).isEqualTo("020202" + getData);
        assertThat(select.length() / 2 - 2).as("data bytes").isEqualTo(3 + 23);
    }

    @Test
    void getDataAnswersThePersonalisedPurse() throws Exception {
        assertThat(purse.readCardData()).isEqualTo(new PurseData(PURSE, DemoCards.YEN, 1_000, 50_000, 0, 0, 0));
        assertThat(purse.readLog()).isEmpty();
    }

    @Test
    void creditAddsTheAmountAndAnswersAReceiptTheServerCanCheck() throws Exception {
        AmountChange change = AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 4711);

        PurseReceipt receipt = purse.credit(change);

        assertThat(receipt.balanceAfter()).isEqualTo(3_000);
        assertThat(receipt.nextSequence()).isEqualTo(1);
        assertThat(change.isConfirmedBy(receipt, CREDIT_KEY)).isTrue();
        assertThat(change.isConfirmedBy(new PurseReceipt(3_001, 1, receipt.mac()), CREDIT_KEY)).as("other balance").isFalse();
        assertThat(AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 4712).isConfirmedBy(receipt, CREDIT_KEY))
                .as("other transaction").isFalse();
        assertThat(purse.readCardData()).isEqualTo(new PurseData(PURSE, DemoCards.YEN, 3_000, 50_000, 1, 0, 1));
        assertThat(purse.readLog()).containsExactly(
                new PurseLogEntry(PurseLogEntry.Type.CREDIT, 0, 2_000, 3_000, Bytes.longBytes(4711)));
        assertThat(purse.readLog().get(0).transactionId()).isEqualTo(4711);
    }

    @Test
    void proveStateAnswersTheCardDataWithAMacOverTheServersChallenge() throws Exception {
        purse.credit(AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 4711));
        byte[] challenge = Bytes.fromHex("0102030405060708");

        PurseStateProof proof = purse.proveState(challenge);

        assertThat(proof.data()).isEqualTo(purse.readCardData());
        assertThat(PurseStateProof.verify(CREDIT_KEY, PURSE, 3_000, 1, challenge, proof.mac())).isTrue();
        assertThat(proof.mac()).isEqualTo(PurseStateProof.sign(CREDIT_KEY, PURSE, 3_000, 1, challenge));
        assertThat(PurseStateProof.verify(CREDIT_KEY, PURSE, 3_000, 2, challenge, proof.mac())).as("other sequence").isFalse();
        assertThat(PurseStateProof.verify(CREDIT_KEY, PURSE, 3_001, 1, challenge, proof.mac())).as("other balance").isFalse();
        assertThat(PurseStateProof.verify(CREDIT_KEY, PURSE, 3_000, 1, Bytes.fromHex("0102030405060709"), proof.mac()))
                .as("other challenge").isFalse();
        assertThat(PurseStateProof.verify(DEBIT_KEY, PURSE, 3_000, 1, challenge, proof.mac())).as("other key").isFalse();
        assertThat(purse.proveState(Bytes.fromHex("0102030405060709")).mac()).as("a new challenge, a new MAC")
                .isNotEqualTo(proof.mac());
    }

    @Test
    void proveStateChecksClassParametersAndLengthAndChangesNothing() throws Exception {
        byte[] good = CardCommands.proveState(new byte[8]);
        byte[] wrongClass = good.clone();
        wrongClass[0] = 0x00;
        assertRefusedWithoutChange(wrongClass, "6E00");
        byte[] wrongP1 = good.clone();
        wrongP1[2] = 0x01;
        assertRefusedWithoutChange(wrongP1, "6A86");
        assertRefusedWithoutChange(Bytes.fromHex("80CC000007010203040506070800"), "6700");
        assertRefusedWithoutChange(Bytes.fromHex("80CC000000"), "6700");
        assertThat(swHex(send(card, good))).isEqualTo("9000");
    }

    @Test
    void proveStateOnAPersonalisationCardAnswersWrongLifeCycle() throws Exception {
        SimulatedCard blank = SimulatedCardFactory.blank(SimulatedCard.FormFactor.PURSE_CARD, (byte) 3);
        new PurseApplication(blank).select();
        assertThat(swHex(send(blank, CardCommands.proveState(new byte[8])))).isEqualTo("6985");
    }

    @Test
    void creditWithABadMacIsRejectedAndNothingChanges() throws Exception {
        AmountChange genuine = AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 1);
        byte[] command = CardCommands.credit(genuine);
        command[command.length - 2] ^= 0x01; // last MAC byte (before Le)
        assertRefusedWithoutChange(command, "6988");

        byte[] tamperedAmount = CardCommands.credit(genuine);
        tamperedAmount[8] = 0x7F; // amount's low byte
        assertRefusedWithoutChange(tamperedAmount, "6988");

        CardNumber otherPurse = DemoCards.PHONE_PURSE.cardNumber();
        AmountChange forAnotherCard = AmountChange.issue(key(KeyUsage.PURSE_CREDIT, otherPurse), otherPurse, 2_000, 0, 1);
        assertRefusedWithoutChange(CardCommands.credit(forAnotherCard), "6988");

        AmountChange underDebitKey = AmountChange.issue(DEBIT_KEY, PURSE, 2_000, 0, 1);
        assertRefusedWithoutChange(CardCommands.credit(underDebitKey), "6988");
    }

    @Test
    void aMacWrongInAnySingleByteIsRejected() throws Exception {
        byte[] genuine = CardCommands.credit(AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 1));
        int macStart = genuine.length - 1 - 8; // the 8 MAC bytes end just before Le
        for (int i = 0; i < 8; i++) {
            byte[] forged = genuine.clone();
            forged[macStart + i] ^= (byte) 0x80;
            assertRefusedWithoutChange(forged, "6988");
        }
        assertThat(purse.credit(AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 1)).balanceAfter())
                .as("the genuine change still applies").isEqualTo(3_000);
    }

    @Test
    void replayedCreditIsRejected() throws Exception {
        AmountChange change = AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 0, 1);
        purse.credit(change);
        assertRefusedWithoutChange(CardCommands.credit(change), "9101");
        assertThat(purse.readCardData().balance()).isEqualTo(3_000);
    }

    @Test
    void creditWithASkippedSequenceNumberIsRejected() throws Exception {
        assertRefusedWithoutChange(CardCommands.credit(AmountChange.issue(CREDIT_KEY, PURSE, 2_000, 1, 1)), "9101");
    }

    @Test
    void creditAboveTheMaximumBalanceIsRejected() throws Exception {
        assertRefusedWithoutChange(CardCommands.credit(AmountChange.issue(CREDIT_KEY, PURSE, 49_001, 0, 1)), "9102");
        assertRefusedWithoutChange(CardCommands.credit(AmountChange.issue(CREDIT_KEY, PURSE, 0xFFFF_FFFFL, 0, 1)), "9102");
    }

    @Test
    void creditUpToExactlyTheMaximumBalanceIsAccepted() throws Exception {
        assertThat(purse.credit(AmountChange.issue(CREDIT_KEY, PURSE, 49_000, 0, 1)).balanceAfter()).isEqualTo(50_000);
    }

    @Test
    void creditOfZeroIsRefusedAsInvalidData() throws Exception {
        String zero = "80320000 16 00000000 0000 0000000000000001 0000000000000000 00";
        assertRefusedWithoutChange(Bytes.fromHex(zero.replace(" ", "")), "6A80");
    }

    @Test
    void debitWithAValidMacSubtractsAndAnswersAReceipt() throws Exception {
        DebitAuthorization debit = DebitAuthorization.issue(DEBIT_KEY, PURSE, 300, 0, STORE);

        PurseReceipt receipt = purse.debit(debit);

        assertThat(receipt.balanceAfter()).isEqualTo(700);
        assertThat(receipt.nextSequence()).isEqualTo(1);
        assertThat(debit.isConfirmedBy(receipt, DEBIT_KEY)).isTrue();
        assertThat(purse.readCardData()).isEqualTo(new PurseData(PURSE, DemoCards.YEN, 700, 50_000, 0, 1, 1));
        PurseLogEntry entry = purse.readLog().get(0);
        assertThat(entry.type()).isEqualTo(PurseLogEntry.Type.DEBIT);
        assertThat(entry.terminal()).isEqualTo(STORE);
        assertThat(entry.balanceAfter()).isEqualTo(700);
    }

    @Test
    void debitWithoutAValidMacIsRejected() throws Exception {
        byte[] command = CardCommands.debit(DebitAuthorization.issue(DEBIT_KEY, PURSE, 300, 0, STORE));
        command[command.length - 2] ^= 0x40;
        assertRefusedWithoutChange(command, "6988");
        assertRefusedWithoutChange(CardCommands.debit(DebitAuthorization.issue(CREDIT_KEY, PURSE, 300, 0, STORE)), "6988");
        String unsigned = "80300000 16 0000012C 0000 " + Bytes.hex(STORE.toBytes()) + "0000000000000000 00";
        assertRefusedWithoutChange(Bytes.fromHex(unsigned.replace(" ", "")), "6988");
    }

    @Test
    void debitOfMoreThanTheBalanceIsRejected() throws Exception {
        assertRefusedWithoutChange(CardCommands.debit(DebitAuthorization.issue(DEBIT_KEY, PURSE, 1_001, 0, STORE)), "9103");
        assertThat(purse.debit(DebitAuthorization.issue(DEBIT_KEY, PURSE, 1_000, 0, STORE)).balanceAfter()).isZero();
    }

    @Test
    void replayedDebitIsRejected() throws Exception {
        DebitAuthorization debit = DebitAuthorization.issue(DEBIT_KEY, PURSE, 100, 0, STORE);
        purse.debit(debit);
        assertRefusedWithoutChange(CardCommands.debit(debit), "9101");
    }

    @Test
    void creditAndDebitCountTheirSequencesApart() throws Exception {
        purse.debit(DebitAuthorization.issue(DEBIT_KEY, PURSE, 100, 0, STORE));
        purse.credit(AmountChange.issue(CREDIT_KEY, PURSE, 500, 0, 9));
        purse.debit(DebitAuthorization.issue(DEBIT_KEY, PURSE, 100, 1, STORE));
        assertThat(purse.readCardData()).isEqualTo(new PurseData(PURSE, DemoCards.YEN, 1_300, 50_000, 1, 2, 3));
    }

    @Test
    void logKeepsTheNewestTenRecordsInOrderAfterWrapAround() throws Exception {
        for (int sequence = 0; sequence < 13; sequence++) {
            purse.credit(AmountChange.issue(CREDIT_KEY, PURSE, 100 + sequence, sequence, 1_000 + sequence));
        }

        List<PurseLogEntry> log = purse.readLog();

        assertThat(log).hasSize(10);
        assertThat(log).extracting(PurseLogEntry::sequence).containsExactly(12, 11, 10, 9, 8, 7, 6, 5, 4, 3);
        assertThat(log).extracting(PurseLogEntry::transactionId)
                .containsExactly(1012L, 1011L, 1010L, 1009L, 1008L, 1007L, 1006L, 1005L, 1004L, 1003L);
        long balance = purse.readCardData().balance();
        assertThat(log.get(0).balanceAfter()).isEqualTo(balance);
        assertThat(log.get(1).balanceAfter()).isEqualTo(balance - 112);
        assertThat(swHex(send(card, CardCommands.readLogRecord(11)))).isEqualTo("6A83");
    }

    @Test
    void readRecordOutsideTheLogAnswersRecordNotFound() {
        assertThat(swHex(send(card, CardCommands.readLogRecord(1)))).as("empty log").isEqualTo("6A83");
        assertThat(swHex(send(card, "80 B2 00 04 00"))).as("record 0").isEqualTo("6A83");
        assertThat(swHex(send(card, "80 B2 01 0C 00"))).as("P2 other than 04").isEqualTo("6A86");
    }

    @Test
    void malformedApdusAnswerTheSpecificIsoStatusWord() throws Exception {
        PurseData before = purse.readCardData();
        assertThat(swHex(send(card, "90 CA 00 00 00"))).as("unknown CLA").isEqualTo("6E00");
        assertThat(swHex(send(card, "00 32 00 00 16 000007D0000000000000000000010000000000000000"))).as("ISO CLA").isEqualTo("6E00");
        assertThat(swHex(send(card, "80 AE 00 00 00"))).as("credit card INS on the purse").isEqualTo("6D00");
        assertThat(swHex(send(card, "00 20 00 80 04 31323334"))).as("VERIFY on the purse").isEqualTo("6D00");
        assertThat(swHex(send(card, "80 32 00 01 16 000007D0000000000000000000010000000000000000"))).as("P2").isEqualTo("6A86");
        assertThat(swHex(send(card, "80 32 00 00 10 000007D00000000000000000000100"))).as("short data").isEqualTo("6700");
        assertThat(swHex(send(card, "80 32 00 00 17 000007D0000000000000000000010000000000000000FF"))).as("long data").isEqualTo("6700");
        assertThat(swHex(send(card, "80 32 00 00 16 000007D0"))).as("Lc promises more than is sent").isEqualTo("6700");
        assertThat(swHex(send(card, "80 32 00 00 00"))).as("no data").isEqualTo("6700");
        assertThat(purse.readCardData()).isEqualTo(before);
    }

    /** Sends {@code command}, expects {@code sw}, and checks that balance, counters and log are as before. */
    private void assertRefusedWithoutChange(byte[] command, String sw) throws Exception {
        PurseData before = purse.readCardData();
        List<PurseLogEntry> logBefore = purse.readLog();
        assertThat(swHex(send(card, command))).isEqualTo(sw);
        assertThat(purse.readCardData()).isEqualTo(before);
        assertThat(purse.readLog()).isEqualTo(logBefore);
    }
}
