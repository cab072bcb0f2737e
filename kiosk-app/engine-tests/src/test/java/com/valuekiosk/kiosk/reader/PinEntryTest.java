package com.valuekiosk.kiosk.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.kiosk.simulated.SimulatedReader.Fault;
import org.junit.jupiter.api.Test;

class PinEntryTest {

    private final SimulatedReader reader = SimulatedReader.contact();

    PinEntryTest() {
        reader.insert(TestCards.creditCard());
    }

    private static void assertWiped(char[] pin) {
        assertThat(pin).containsOnly('\0');
    }

    @Test
    void aPinTypedOnTheScreenIsVerifiedByTheCardAndAllowsTheAuthorisation() throws Exception {
        char[] pin = "1234".toCharArray();
        try (CardSession session = reader.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();

            new HostPinEntry().verify(session, PinSource.of(pin));

            PurchaseAuthorization authorization = credit.authorizePurchase(TestCards.purchase(2_000));
            assertThat(authorization.atc()).isEqualTo(1);
        }
        assertWiped(pin);
    }

    @Test
    void aWrongPinIsRefusedWithTheTriesLeftAndTheArrayIsWiped() throws Exception {
        char[] wrong = "9999".toCharArray();
        try (CardSession session = reader.connect()) {
            new CreditCardApplication(session).select();

            assertThatThrownBy(() -> new HostPinEntry().verify(session, PinSource.of(wrong)))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> {
                        assertThat(e.sw()).isEqualTo(0x63C2);
                        assertThat(e.pinTriesRemaining()).isEqualTo(2);
                    })
                    .hasMessageNotContaining("9999");
        }
        assertWiped(wrong);
    }

    @Test
    void threeWrongPinsBlockTheCard() throws Exception {
        try (CardSession session = reader.connect()) {
            new CreditCardApplication(session).select();
            HostPinEntry entry = new HostPinEntry();
            assertThatThrownBy(() -> entry.verify(session, PinSource.of("1111".toCharArray())))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> assertThat(e.pinTriesRemaining()).isEqualTo(2));
            assertThatThrownBy(() -> entry.verify(session, PinSource.of("2222".toCharArray())))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> assertThat(e.pinTriesRemaining()).isEqualTo(1));
            assertThatThrownBy(() -> entry.verify(session, PinSource.of("3333".toCharArray())))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> {
                        assertThat(e.sw()).isEqualTo(CardProtocol.SW_PIN_BLOCKED);
                        assertThat(e.pinTriesRemaining()).isZero();
                    });
        }
    }

    @Test
    void aPinThatIsNotFourToEightDigitsIsRefusedBeforeTheCardAndWiped() throws Exception {
        char[] tooShort = "123".toCharArray();
        char[] letters = "12a4".toCharArray();
        try (CardSession session = reader.connect()) {
            new CreditCardApplication(session).select();
            assertThatThrownBy(() -> new HostPinEntry().verify(session, PinSource.of(tooShort)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("123");
            assertThatThrownBy(() -> new HostPinEntry().verify(session, PinSource.of(letters)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new CreditCardApplication(session).pinTriesRemaining()).as("no try was spent").isEqualTo(3);
        }
        assertWiped(tooShort);
        assertWiped(letters);
    }

    @Test
    void thePinIsWipedWhenTheCardLeavesDuringVerify() throws Exception {
        char[] pin = "1234".toCharArray();
        reader.armFault(Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_VERIFY));
        try (CardSession session = reader.connect()) {
            new CreditCardApplication(session).select();
            assertThatThrownBy(() -> new HostPinEntry().verify(session, PinSource.of(pin)))
                    .isInstanceOf(CardRemovedException.class);
        }
        assertWiped(pin);
    }

    @Test
    void noPinFromTheScreenIsAClearError() throws Exception {
        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> new HostPinEntry().verify(session, PinSource.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no PIN");
        }
    }

    @Test
    void padEntryOnAReaderWithoutAPadFailsClearly() throws Exception {
        try (CardSession session = reader.connect()) {
            assertThat(PinEntry.forSession(session)).isInstanceOf(HostPinEntry.class);
            assertThatThrownBy(() -> new ReaderPinPadEntry().verify(session, PinSource.NONE))
                    .isInstanceOf(NoPinPadException.class)
                    .isInstanceOf(ReaderException.class)
                    .hasMessageContaining("no PIN pad");
        }
    }

    @Test
    void padEntryOnASimulatedPinPadVerifiesAndWipesTheKeys() throws Exception {
        char[] keys = "1234".toCharArray();
        reader.enablePinPad(PinSource.of(keys));
        try (CardSession session = reader.connect()) {
            CreditCardApplication credit = new CreditCardApplication(session);
            credit.select();
            PinEntry entry = PinEntry.forSession(session);
            assertThat(entry).isInstanceOf(ReaderPinPadEntry.class);
            assertThat(entry.usesScreenKeypad()).isFalse();

            entry.verify(session, PinSource.NONE);

            assertThat(credit.authorizePurchase(TestCards.purchase(500)).atc()).isEqualTo(1);
        }
        assertWiped(keys);
    }

    @Test
    void aWrongPinOnTheSimulatedPadGivesTriesLeftAndCancelGives6401() throws Exception {
        reader.enablePinPad(PinSource.of("0000".toCharArray()));
        try (CardSession session = reader.connect()) {
            new CreditCardApplication(session).select();
            assertThatThrownBy(() -> new ReaderPinPadEntry().verify(session, PinSource.NONE))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> assertThat(e.pinTriesRemaining()).isEqualTo(2));
        }
        reader.enablePinPad(PinSource.NONE);
        try (CardSession session = reader.connect()) {
            assertThatThrownBy(() -> new ReaderPinPadEntry().verify(session, PinSource.NONE))
                    .isInstanceOfSatisfying(CardStatusException.class, e -> assertThat(e.sw()).isEqualTo(0x6401))
                    .hasMessageContaining("cancelled");
        }
    }

    @Test
    void theScreenEntryUsesTheScreenKeypad() {
        assertThat(new HostPinEntry().usesScreenKeypad()).isTrue();
    }
}
