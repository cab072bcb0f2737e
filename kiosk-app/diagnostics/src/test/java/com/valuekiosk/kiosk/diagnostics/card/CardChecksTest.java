package com.valuekiosk.kiosk.diagnostics.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The card checks on our applets in jcardsim, personalised as the demo cards. */
class CardChecksTest {

    static final SimulatedCardFactory CARDS = new SimulatedCardFactory(IssuerMasterKeys.demo());

    @Test
    void theCreditCardsAppletIsReadWithItsNumberMaskedAndItsPinTriesUntouched() throws Exception {
        SimulatedCard card = CARDS.creditCard(DemoCards.CREDIT_CARD);
        List<byte[]> sent = new ArrayList<>();

        Outcome outcome = AppletsCheck.run(command -> {
            sent.add(command.clone());
            return card.transmit(command);
        });

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.message()).startsWith("credit card v");
        assertThat(value(outcome, "credit card number")).isEqualTo("**** **** **** 0013");
        assertThat(value(outcome, "credit card PIN tries left")).isEqualTo("3");
        assertThat(value(outcome, "credit card life cycle")).isEqualTo("operational");
        assertThat(value(outcome, "credit card expiry")).isEqualTo("2030-12");
        assertThat(value(outcome, "purse applet")).startsWith("not on this card (AID " + Aids.PURSE + ": 6A82");
        assertThat(text(outcome)).doesNotContain("4999990000000013", "4999 9900 0000 0013", "TARO");
        assertThat(sent).allMatch(ReadOnlyCard::isRead);
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        assertThat(credit.readCardData().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void thePursesBalanceAndLogAreRead() throws Exception {
        SimulatedCard card = CARDS.purseCard(DemoCards.EMONEY_CARD);

        Outcome outcome = AppletsCheck.run(card);

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.message()).startsWith("purse v");
        assertThat(value(outcome, "purse card number")).isEqualTo("**** **** **** 0017");
        assertThat(value(outcome, "purse balance")).isEqualTo("1000 JPY of at most 50000 JPY");
        assertThat(value(outcome, "credit card applet")).startsWith("not on this card");
        PurseApplication purse = new PurseApplication(card);
        purse.select();
        assertThat(value(outcome, "purse log")).isEqualTo(purse.readCardData().logCount() + " record(s)");
    }

    @Test
    void aLogRecordNamesTheServersTransactionOrTheTerminal() {
        assertThat(AppletsCheck.reference(new com.valuekiosk.card.host.PurseLogEntry(
                com.valuekiosk.card.host.PurseLogEntry.Type.CREDIT, 0, 2_000, 3_000,
                com.valuekiosk.card.host.Bytes.longBytes(42)))).isEqualTo("server transaction 42");
        assertThat(AppletsCheck.reference(new com.valuekiosk.card.host.PurseLogEntry(
                com.valuekiosk.card.host.PurseLogEntry.Type.DEBIT, 3, 500, 2_500,
                "KIOSK001".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))).isEqualTo("terminal KIOSK001");
    }

    @Test
    void aBlockedPinFailsTheCheckAndSaysSo() throws Exception {
        SimulatedCard card = CARDS.creditCard(DemoCards.CREDIT_CARD);
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> credit.verifyPin("9999".toCharArray()));
        }

        Outcome outcome = AppletsCheck.run(card);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(value(outcome, "credit card PIN tries left")).isEqualTo("0 (PIN blocked)");
    }

    @Test
    void aCardWithoutOurAppletsFails() throws Exception {
        Outcome outcome = AppletsCheck.run(command -> new byte[] {0x6A, (byte) 0x82});

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.message()).isEqualTo("none of our applets is on this card");
    }

    @Test
    void theReadOnlyGuardRefusesVerifyAndWritesBeforeTheCardSeesThem() throws Exception {
        List<byte[]> reached = new ArrayList<>();
        ReadOnlyCard card = new ReadOnlyCard(command -> {
            reached.add(command);
            return new byte[] {(byte) 0x90, 0x00};
        });

        assertThatThrownBy(() -> card.transmit(CardCommands.verify("1234".toCharArray())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused INS 20");
        assertThatThrownBy(() -> card.transmit(new byte[] {(byte) 0x80, 0x32, 0, 0, 1, 0}))
                .hasMessageContaining("refused INS 32");
        card.transmit(CardCommands.select(Aids.PURSE));
        assertThat(reached).hasSize(1);
    }

    @Test
    void theConsoleMasksVerifyDataAndCardNumbersAndNamesEveryStatusWord() {
        SimulatedCard card = CARDS.creditCard(DemoCards.CREDIT_CARD);
        ApduConsole console = new ApduConsole(card);

        Outcome outcome = console.send(List.of("00A4040008" + Aids.CREDIT_CARD, "0020008004 39393939",
                "80CA000000"));

        String text = text(outcome);
        assertThat(text).contains("00200080 04 **").doesNotContain("39393939");
        assertThat(text).contains("63C2 wrong PIN, 2 tries left");
        assertThat(text).contains("9000 success");
        assertThat(text).doesNotContain("4999990000000013").containsPattern("< 3 \\(\\d+ bytes of card data\\) 9000")
                .as("the SELECT answer carries the same card data: withheld too")
                .containsPattern("< 1 010202 \\(\\d+ bytes of card data\\) 9000")
                .doesNotContain(com.valuekiosk.card.host.Bytes.hex("TARO".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(console.traceText()).doesNotContain("39393939");
        assertThat(outcome.verdict()).as("a refused command is a warning").isEqualTo(Verdict.WARN);
        assertThat(outcome.findings()).filteredOn(f -> f.name().startsWith("<")).allMatch(f -> f.elapsed() != null);
    }

    @Test
    void theConsoleRefusesWhatIsNotAnApdu() {
        assertThatThrownBy(() -> ApduConsole.parse("00A4")).hasMessageContaining("at least CLA INS P1 P2");
        assertThatThrownBy(() -> ApduConsole.parse("00A40G00")).hasMessageContaining("hex bytes");
        assertThat(ApduConsole.parse("00:a4:04:00")).containsExactly(0x00, 0xA4, 0x04, 0x00);
    }

    @Test
    void timingSendsTheCommandNTimesAndKeepsEverySample() throws Exception {
        SimulatedCard card = CARDS.purseCard(DemoCards.EMONEY_CARD);
        int[] selects = new int[1];

        Outcome outcome = TimingCheck.run(command -> {
            selects[0]++;
            return card.transmit(command);
        }, 25);

        assertThat(outcome.samplesNanos()).hasSize(25).allMatch(n -> n > 0);
        assertThat(selects[0]).as("one to choose the command, 25 timed").isEqualTo(26);
        assertThat(outcome.message()).endsWith("(25 commands)");
        assertThat(outcome.findings()).extracting(Finding::name).containsExactly("command", "min", "median", "p95",
                "max", "mean");
    }

    static String value(Outcome outcome, String name) {
        return outcome.findings().stream().filter(f -> f.name().equals(name)).map(Finding::value).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + name + " in " + outcome.findings()));
    }

    static String text(Outcome outcome) {
        return outcome.message() + "\n" + outcome.findings().stream().map(f -> f.name() + " " + f.value())
                .collect(Collectors.joining("\n"));
    }
}
