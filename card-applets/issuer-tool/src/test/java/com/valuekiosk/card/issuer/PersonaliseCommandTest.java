package com.valuekiosk.card.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardData;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard.FormFactor;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PersonaliseCommandTest {

    private static final String READER = "Test Reader 00 00";
    private static final String CREDIT_NUMBER = "4999990000000013";
    private static final String PURSE_NUMBER = "9999010000000017";
    private static final String PIN = "738205";
    private static final String CRYPTOGRAM_MASTER = "5A1B2C3D4E5F60718293A4B5C6D7E8F9";
    private static final String CREDIT_MASTER = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
    private static final String DEBIT_MASTER = "A0B1C2D3E4F5061728394A5B6C7D8E9F";

    @TempDir
    Path directory;

    private Path keyFile;
    private final Deque<String> typedPins = new ArrayDeque<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeIssuerKeys() throws IOException {
        keyFile = directory.resolve("issuer-keys.properties");
        Files.writeString(keyFile, "purchaseCryptogram=" + CRYPTOGRAM_MASTER + "\npurseCredit=" + CREDIT_MASTER
                + "\npurseDebit=" + DEBIT_MASTER + "\n");
    }

    @Test
    void personalisesABlankCreditCardThatThenAnswersWithItsNumberAndAcceptsThePin() throws Exception {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 3);
        typePin(PIN, PIN);

        int exit = run(factoryWith(card), creditArguments("credit"));

        assertThat(exit).as(err.toString()).isZero();
        CreditCardApplication credit = new CreditCardApplication(card);
        assertThat(credit.select().operational()).isTrue();
        CreditCardData data = credit.readCardData();
        assertThat(data.cardNumber()).isEqualTo(CardNumber.of(CREDIT_NUMBER));
        assertThat(data.holderName()).isEqualTo("KEIKO ITO");
        assertThat(data.expiry()).isEqualTo(YearMonth.of(2031, 4));
        assertThatCode(() -> credit.verifyPin(PIN.toCharArray())).doesNotThrowAnyException();
        PurchaseRequest purchase = new PurchaseRequest(2_000, Currency.getInstance("JPY"), CardNumber.of(PURSE_NUMBER), new TerminalId("KIOSK001"));
        PurchaseAuthorization authorization = credit.authorizePurchase(purchase);
        assertThat(authorization.isAuthentic(issuerKeys().cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, CardNumber.of(CREDIT_NUMBER)),
                CardNumber.of(CREDIT_NUMBER), purchase)).as("cryptogram under the key derived from the file's master key").isTrue();
        assertThat(out.toString()).contains("credit card applet personalised", "**** **** **** 0013");
        assertNothingSecretPrinted();
    }

    @Test
    void personalisesABlankPurseWithBalanceZeroAndTheGivenMaximum() throws Exception {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.PURSE_CARD, (byte) 3);

        int exit = run(factoryWith(card), "personalise", "--reader", READER, "--profile", "purse", "--issuer-keys", keyFile.toString(),
                "--card-number", PURSE_NUMBER, "--max-balance", "30000");

        assertThat(exit).as(err.toString()).isZero();
        PurseApplication purse = new PurseApplication(card);
        assertThat(purse.select().operational()).isTrue();
        PurseData data = purse.readCardData();
        assertThat(data.cardNumber()).isEqualTo(CardNumber.of(PURSE_NUMBER));
        assertThat(data.balance()).isZero();
        assertThat(data.maximumBalance()).isEqualTo(30_000);
        assertThat(data.currency().getCurrencyCode()).isEqualTo("JPY");
        assertThat(out.toString()).contains("purse applet personalised", "**** **** **** 0017", "maximum 30000");
        assertNothingSecretPrinted();
    }

    @Test
    void personalisesBothAppletsOfAComboCard() throws Exception {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.COMBO_CARD, (byte) 3);
        typePin(PIN, PIN);

        int exit = run(factoryWith(card), creditArguments("combo", "--purse-card-number", PURSE_NUMBER, "--max-balance", "50000"));

        assertThat(exit).as(err.toString()).isZero();
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        assertThat(credit.readCardData().cardNumber()).isEqualTo(CardNumber.of(CREDIT_NUMBER));
        assertThatCode(() -> credit.verifyPin(PIN.toCharArray())).doesNotThrowAnyException();
        PurseApplication purse = new PurseApplication(card);
        purse.select();
        assertThat(purse.readCardData().cardNumber()).isEqualTo(CardNumber.of(PURSE_NUMBER));
        assertThat(purse.readCardData().maximumBalance()).isEqualTo(50_000);
        assertNothingSecretPrinted();
    }

    @Test
    void aSecondPersonalisationIsRefusedAndLeavesTheCardAsItWas() throws Exception {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 3);
        TerminalFactory factory = factoryWith(card);
        typePin(PIN, PIN);
        assertThat(run(factory, creditArguments("credit"))).isZero();
        typePin("111111", "111111");

        int exit = run(factory, "personalise", "--reader", READER, "--profile", "credit", "--issuer-keys", keyFile.toString(),
                "--card-number", "4999990000000021", "--holder-name", "SOMEONE ELSE", "--expiry", "2032-01");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("already personalised", "credit card applet is operational", "nothing was written");
        CreditCardApplication credit = new CreditCardApplication(card);
        credit.select();
        assertThat(credit.readCardData().cardNumber()).isEqualTo(CardNumber.of(CREDIT_NUMBER));
        assertThatCode(() -> credit.verifyPin(PIN.toCharArray())).doesNotThrowAnyException();
        assertThat(out.toString() + err.toString()).doesNotContain("111111", "4999990000000021");
    }

    @Test
    void aCardWithoutTheAppletPointsToTheLoadingGuide() {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 3);

        int exit = run(factoryWith(card), "personalise", "--reader", READER, "--profile", "purse", "--issuer-keys", keyFile.toString(),
                "--card-number", PURSE_NUMBER, "--max-balance", "30000");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("purse applet is not installed", "6A82", "application not found", "LOADING.md");
    }

    @Test
    void anUnknownReaderIsRefusedWithTheNamesOfTheReadersThereAre() {
        TerminalFactory factory = TestReaders.factory(new TestReaders.Reader("ACS ACR39U 00 00", null),
                new TestReaders.Reader("Identiv uTrust 00 01", null));
        typePin(PIN, PIN);

        int exit = run(factory, creditArguments("credit"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no reader named \"" + READER + "\"", "\"ACS ACR39U 00 00\"", "\"Identiv uTrust 00 01\"");
        assertThat(typedPins).as("the PIN is not asked for").hasSize(2);
    }

    @Test
    void anEmptyReaderIsRefused() {
        typePin(PIN, PIN);

        int exit = run(TestReaders.factory(new TestReaders.Reader(READER, null)), creditArguments("credit"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no card in the reader \"" + READER + "\"");
        assertThat(typedPins).as("the PIN is not asked for").hasSize(2);
    }

    @Test
    void twoDifferentPinsAreRefusedBeforeTheCardIsTouched() throws Exception {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.CONTACT_CREDIT_CARD, (byte) 3);
        typePin(PIN, "738206");

        int exit = run(factoryWith(card), creditArguments("credit"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("the two PINs differ");
        assertThat(new CreditCardApplication(card).select().operational()).isFalse();
        assertThat(out.toString() + err.toString()).doesNotContain(PIN, "738206");
    }

    @Test
    void aMalformedKeyFileIsRefusedWithoutShowingItsContent() throws Exception {
        Files.writeString(keyFile, "purchaseCryptogram=" + CRYPTOGRAM_MASTER + "\npurseCredit=" + CREDIT_MASTER + "\npurseDebit=12345\n");
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.PURSE_CARD, (byte) 3);

        int exit = run(factoryWith(card), "personalise", "--reader", READER, "--profile", "purse", "--issuer-keys", keyFile.toString(),
                "--card-number", PURSE_NUMBER, "--max-balance", "30000");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("purseDebit must be 32 hex digits").doesNotContain(CRYPTOGRAM_MASTER, CREDIT_MASTER);
        assertThat(new PurseApplication(card).select().operational()).isFalse();
    }

    @Test
    void readersListsEveryReaderWithWhetherACardIsIn() {
        TerminalFactory factory = TestReaders.factory(new TestReaders.Reader("ACS ACR39U 00 00", null),
                new TestReaders.Reader(READER, SimulatedCardFactory.blank(FormFactor.PURSE_CARD, (byte) 3)));

        int exit = run(factory, "readers");

        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList()).containsExactly("ACS ACR39U 00 00  (no card)", READER + "  (card present)");
    }

    @Test
    void readersSaysSoWhenThereIsNoReader() {
        int exit = run(TestReaders.factory(), "readers");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no card reader connected");
    }

    @Test
    void aCardPulledAwayMidWayIsReportedAsPerhapsHalfWritten() {
        SimulatedCard card = SimulatedCardFactory.blank(FormFactor.PURSE_CARD, (byte) 3);
        AtomicInteger commands = new AtomicInteger();
        CardTransport pulledAfterThreeCommands = command -> {
            if (commands.incrementAndGet() > 3) {
                throw new CardTransportException("card removed");
            }
            return card.transmit(command);
        };

        int exit = run(TestReaders.factory(new TestReaders.Reader(READER, pulledAfterThreeCommands)), "personalise", "--reader", READER,
                "--profile", "purse", "--issuer-keys", keyFile.toString(), "--card-number", PURSE_NUMBER, "--max-balance", "30000");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("personalisation stopped, the card may be half written", "card removed");
        assertThat(out.toString()).doesNotContain("personalised and activated");
    }

    @Test
    void withoutAPcscServiceReadersSaysSo() {
        int exit = run(TestReaders.noPcscService(), "readers");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no PC/SC service", "pcscd");
    }

    private static IssuerMasterKeys issuerKeys() {
        return IssuerMasterKeys.of(Bytes.fromHex(CRYPTOGRAM_MASTER), Bytes.fromHex(CREDIT_MASTER), Bytes.fromHex(DEBIT_MASTER));
    }

    private String[] creditArguments(String profile, String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of("personalise", "--reader", READER, "--profile", profile,
                "--issuer-keys", keyFile.toString(), "--card-number", CREDIT_NUMBER, "--holder-name", "KEIKO ITO", "--expiry", "2031-04"));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    private static TerminalFactory factoryWith(SimulatedCard card) {
        return TestReaders.factory(new TestReaders.Reader(READER, card));
    }

    private void typePin(String... pins) {
        typedPins.addAll(List.of(pins));
    }

    private int run(TerminalFactory factory, String... arguments) {
        CommandLine commandLine = ValueKioskCards.commandLine(factory, prompt -> {
            String pin = typedPins.poll();
            return pin == null ? null : pin.toCharArray();
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    /** No master or card key, no PIN, no full card number: in hex upper or lower case, anywhere in the output. */
    private void assertNothingSecretPrinted() {
        IssuerMasterKeys keys = issuerKeys();
        String printed = (out.toString() + err.toString()).toUpperCase(Locale.ROOT).replace(" ", "");
        assertThat(printed).doesNotContain(CRYPTOGRAM_MASTER, CREDIT_MASTER, DEBIT_MASTER, PIN, CREDIT_NUMBER, PURSE_NUMBER);
        for (String number : List.of(CREDIT_NUMBER, PURSE_NUMBER)) {
            for (KeyUsage usage : KeyUsage.values()) {
                assertThat(printed).doesNotContain(Bytes.hex(keys.cardKey(usage, CardNumber.of(number))).toUpperCase(Locale.ROOT));
            }
        }
    }
}
