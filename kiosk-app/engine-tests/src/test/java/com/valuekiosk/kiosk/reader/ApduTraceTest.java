package com.valuekiosk.kiosk.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.kiosk.simulated.SimulatedReader.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApduTraceTest {

    private static final Instant NOW = Instant.parse("2026-11-05T01:02:03Z");
    private static final String CARD_DIGITS = DemoCards.CREDIT_CARD.cardNumber().digits(); // 4999990000000013

    private final SimulatedReader reader = SimulatedReader.contact();

    @Test
    void aVerifyAndAGetDataLeaveNeitherThePinNorTheCardNumberInTheTrace() throws Exception {
        ApduTrace trace = new ApduTrace(ApduTrace.DEFAULT_CAPACITY, false, Clock.fixed(NOW, ZoneOffset.UTC));
        reader.insert(TestCards.creditCard());

        try (CardSession session = trace.trace(reader.connect())) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            credit.verifyPin("1234".toCharArray());
            assertThat(credit.readCardData().cardNumber().digits()).isEqualTo(CARD_DIGITS); // the card did answer it
        }

        String text = trace.text();
        assertThat(text).doesNotContain("31323334").doesNotContain("31 32 33 34");
        assertThat(text).doesNotContain(CARD_DIGITS).doesNotContain(CARD_DIGITS.substring(0, 12));
        List<ApduTrace.Entry> entries = trace.entries();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).command()).isEqualTo("00A40400 08 F0564B494F534B01 00");
        assertThat(entries.get(0).outcome()).isEqualTo("success");
        assertThat(entries.get(0).response()).as("SELECT's answer carries the card data too: kind, version, life cycle only")
                .matches("010202 \\(\\d+ bytes of card data\\) 9000");
        assertThat(entries.get(1).command()).isEqualTo("00200080 04 **");
        assertThat(entries.get(1).response()).isEqualTo("9000");
        assertThat(entries.get(2).command()).isEqualTo("80CA0000 00");
        assertThat(entries.get(2).response()).as("GET DATA's answer (holder name, number, expiry): its length only")
                .matches("\\(\\d+ bytes of card data\\) 9000");
        assertThat(text).doesNotContain(com.valuekiosk.card.host.Bytes.hex("TARO".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.time()).isEqualTo(NOW);
            assertThat(entry.durationMicros()).isNotNegative();
            assertThat(entry.sw()).isEqualTo(CardProtocol.SW_SUCCESS);
        });
    }

    @Test
    void aSelectAnswerShowsNeitherTheCardNumberNorTheNameNorTheBalance() throws Exception {
        ApduTrace trace = new ApduTrace(ApduTrace.DEFAULT_CAPACITY, false, Clock.fixed(NOW, ZoneOffset.UTC));
        reader.insert(TestCards.creditCard());
        try (CardSession session = trace.trace(reader.connect())) {
            // the card did answer its data in the SELECT answer
            assertThat(new CreditCardApplication(session).select().creditCard().orElseThrow().holderName()).startsWith("TARO");
        }
        SimulatedReader contactless = SimulatedReader.contactless();
        contactless.tap(TestCards.purseCard());
        try (CardSession session = trace.trace(contactless.connect())) {
            assertThat(new PurseApplication(session).select().purse()).isPresent();
        }

        List<ApduTrace.Entry> entries = trace.entries();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).response()).matches("010202 \\(\\d+ bytes of card data\\) 9000");
        assertThat(entries.get(1).response()).isEqualTo("020202 (23 bytes of card data) 9000");
        String text = trace.text();
        assertThat(text).doesNotContain(CARD_DIGITS, CARD_DIGITS.substring(0, 12))
                .doesNotContain(com.valuekiosk.card.host.Bytes.hex("TARO".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void theDebugLogIsMaskedLikeTheEntries() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ApduTrace.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            ApduTrace trace = new ApduTrace(10, true, Clock.systemUTC());
            reader.insert(TestCards.creditCard());
            try (CardSession session = trace.trace(reader.connect())) {
                CreditCardApplication credit = new CreditCardApplication(session);
                credit.select();
                credit.verifyPin("1234".toCharArray());
                credit.readCardData();
            }

            assertThat(appender.list).hasSize(3);
            assertThat(appender.list).allSatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(event.getFormattedMessage()).doesNotContain("31323334").doesNotContain(CARD_DIGITS);
            });
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    @Test
    void aWrongPinIsRecordedWithItsMeaning() throws Exception {
        ApduTrace trace = new ApduTrace();
        reader.insert(TestCards.creditCard());
        try (CardSession session = trace.trace(reader.connect())) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            assertThatThrownBy(() -> credit.verifyPin("9999".toCharArray())).isInstanceOf(CardStatusException.class);
        }

        ApduTrace.Entry verify = trace.entries().get(1);
        assertThat(verify.command()).isEqualTo("00200080 04 **");
        assertThat(verify.sw()).isEqualTo(0x63C2);
        assertThat(verify.outcome()).isEqualTo("wrong PIN, 2 tries left");
        assertThat(trace.text()).doesNotContain("39393939");
    }

    @Test
    void aTornCommandIsRecordedWithoutAnAnswer() throws Exception {
        ApduTrace trace = new ApduTrace();
        reader.insert(TestCards.creditCard());
        reader.armFault(Fault.LOST_BEFORE_CARD, SimulatedReader.anyCommand());

        try (CardSession session = trace.trace(reader.connect())) {
            assertThatThrownBy(() -> new CreditCardApplication(session).select()).isInstanceOf(CardRemovedException.class);
        }

        ApduTrace.Entry entry = trace.entries().get(0);
        assertThat(entry.response()).isNull();
        assertThat(entry.sw()).isEqualTo(-1);
        assertThat(entry.outcome()).startsWith("CardRemovedException: ");
        assertThat(entry.toString()).contains("(no answer)");
    }

    @Test
    void personalisationSecretsAreMasked() {
        assertThat(ApduTrace.maskCommand(CardCommands.putData(CardProtocol.TAG_CREDIT_PIN,
                "1234".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("80DA0004 04 **");
        assertThat(ApduTrace.maskCommand(CardCommands.putData(CardProtocol.TAG_CREDIT_CARD_KEY, new byte[16])))
                .isEqualTo("80DA0005 10 **");
        assertThat(ApduTrace.maskCommand(CardCommands.putData(CardProtocol.TAG_PURSE_DEBIT_KEY, new byte[16])))
                .isEqualTo("80DA0006 10 **");
        assertThat(ApduTrace.maskCommand(CardCommands.putData(CardProtocol.TAG_CREDIT_HOLDER_NAME,
                "TARO".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("80DA0003 04 5441524F");
    }

    @Test
    void aCardNumberBeingWrittenIsMaskedToo() {
        assertThat(ApduTrace.maskCommand(CardCommands.putData(CardProtocol.TAG_CREDIT_CARD_NUMBER,
                DemoCards.CREDIT_CARD.cardNumber().toBcd()))).isEqualTo("80DA0001 08 ************0013");
    }

    @Test
    void aMalformedVerifyIsMaskedWhole() {
        assertThat(ApduTrace.maskCommand(Bytes.fromHex("0020008008313233"))).isEqualTo("00200080 **");
        assertThat(ApduTrace.maskCommand(Bytes.fromHex("00200080"))).isEqualTo("00200080");
        assertThat(ApduTrace.maskCommand(Bytes.fromHex("0020008000"))).isEqualTo("00200080 00");
    }

    @Test
    void runsOfSixteenOrMoreDigitsKeepTheirLastFour() {
        assertThat(ApduTrace.maskDigits("4999990000000013")).isEqualTo("************0013");
        assertThat(ApduTrace.maskDigits("AB49999900000000133012CD")).isEqualTo("AB****************3012CD");
        assertThat(ApduTrace.maskDigits("499999000000001")).as("15 digits: not a card number").isEqualTo("499999000000001");
        assertThat(ApduTrace.maskDigits("49999900A0000013")).isEqualTo("49999900A0000013");
        assertThat(ApduTrace.maskResponse(Bytes.fromHex("49999900000000139000"))).isEqualTo("************0013 9000");
    }

    @Test
    void theTraceKeepsOnlyTheLatestEntries() throws Exception {
        ApduTrace trace = new ApduTrace(2, false, Clock.systemUTC());
        com.valuekiosk.card.host.CardTransport traced = trace.trace(command -> Bytes.fromHex("9000"));

        traced.transmit(Bytes.fromHex("80CA000001"));
        traced.transmit(Bytes.fromHex("80CA000002"));
        traced.transmit(Bytes.fromHex("80CA000003"));

        assertThat(trace.entries()).extracting(ApduTrace.Entry::command).containsExactly("80CA0000 02", "80CA0000 03");
        trace.clear();
        assertThat(trace.entries()).isEmpty();
    }

    @Test
    void aPinPadVerifyIsRecordedWithoutDigits() throws Exception {
        ApduTrace trace = new ApduTrace();
        reader.enablePinPad(PinSource.of("1234".toCharArray()));
        reader.insert(TestCards.creditCard());

        try (CardSession session = trace.trace(reader.connect())) {
            new CreditCardApplication(session).select();
            new ReaderPinPadEntry().verify(session, PinSource.NONE);
        }

        assertThat(trace.entries()).extracting(ApduTrace.Entry::command)
                .contains("PIN PAD 00200080 **");
        assertThat(trace.text()).doesNotContain("31323334");
    }
}
