package com.valuekiosk.card.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CardCommandsTest {

    private static final TerminalId KIOSK = new TerminalId("KIOSK001");

    @Test
    void commandsHaveTheLayoutOfApduMd() {
        assertThat(Bytes.hex(CardCommands.select(Aids.PURSE))).isEqualTo("00A4040008F0564B494F534B0200");
        assertThat(Bytes.hex(CardCommands.verify("1234".toCharArray()))).isEqualTo("002000800431323334");
        assertThat(Bytes.hex(CardCommands.pinStatus())).isEqualTo("00200080");
        assertThat(Bytes.hex(CardCommands.getData())).isEqualTo("80CA000000");
        assertThat(Bytes.hex(CardCommands.readLogRecord(3))).isEqualTo("80B2030400");
        assertThat(Bytes.hex(CardCommands.activate())).isEqualTo("80440000");
        PurchaseRequest request = new PurchaseRequest(2_000, DemoCards.YEN, CardNumber.of("9999010000000017"), KIOSK);
        assertThat(Bytes.hex(CardCommands.authorizePurchase(request)))
                .isEqualTo("80AE000016" + "000007D0" + "0392" + "9999010000000017" + "4B494F534B303031" + "00");
    }

    @Test
    void creditCarriesAmountSequenceTransactionIdAndMac() {
        AmountChange change = AmountChange.issue(new byte[16], CardNumber.of("9999010000000017"), 2_000, 7, 0x0102030405060708L);
        assertThat(Bytes.hex(CardCommands.credit(change)))
                .isEqualTo("8032000016" + "000007D0" + "0007" + "0102030405060708" + Bytes.hex(change.mac()) + "00");
    }

    @Test
    void verifyRefusesAPinThatIsNotFourToEightDigitsWithoutShowingIt() {
        assertThatThrownBy(() -> CardCommands.verify("123".toCharArray())).hasMessage("a PIN is 4..8 digits");
        assertThatThrownBy(() -> CardCommands.verify("123456789".toCharArray())).hasMessage("a PIN is 4..8 digits");
        assertThatThrownBy(() -> CardCommands.verify("12a4".toCharArray())).hasMessage("a PIN is digits only");
    }

    @Test
    void amountsOutsideTheCardsRangeAreRefused() {
        CardNumber purse = CardNumber.of("9999010000000017");
        assertThatThrownBy(() -> new PurchaseRequest(0, DemoCards.YEN, purse, KIOSK)).hasMessageContaining("1..4294967295");
        assertThatThrownBy(() -> new PurchaseRequest(-5, DemoCards.YEN, purse, KIOSK)).hasMessageContaining("1..4294967295");
        assertThatThrownBy(() -> new PurchaseRequest(1L << 32, DemoCards.YEN, purse, KIOSK)).hasMessageContaining("1..4294967295");
        assertThatThrownBy(() -> AmountChange.issue(new byte[16], purse, 0, 0, 1)).hasMessageContaining("1..4294967295");
        assertThatThrownBy(() -> AmountChange.issue(new byte[16], purse, 1, 65_536, 1)).hasMessageContaining("0..65535");
    }

    @Test
    void terminalIdIsEightPrintableCharacters() {
        assertThatThrownBy(() -> new TerminalId("KIOSK")).hasMessageContaining("8 printable");
        assertThatThrownBy(() -> new TerminalId("KIOSK\n01")).hasMessageContaining("8 printable");
    }
}
