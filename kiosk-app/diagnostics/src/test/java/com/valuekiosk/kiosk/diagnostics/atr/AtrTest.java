package com.valuekiosk.kiosk.diagnostics.atr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Real ATRs as published in pcsc-tools' smartcard_list.txt (and jcardsim's), taken apart per ISO/IEC 7816-3. */
class AtrTest {

    @Test
    void yubikey4OffersT1WithIfscAndWaitingTimes() {
        Atr atr = Atr.parse("3B F8 13 00 00 81 31 FE 15 59 75 62 69 6B 65 79 34 D4");

        assertThat(atr.convention()).isEqualTo("direct");
        assertThat(atr.t0()).isEqualTo(0xF8);
        assertThat(atr.interfaceBytes()).extracting(Atr.InterfaceByte::name)
                .containsExactly("TA1", "TB1", "TC1", "TD1", "TD2", "TA3", "TB3");
        assertThat(atr.fi()).isEqualTo(372);
        assertThat(atr.di()).isEqualTo(4);
        assertThat(atr.fMaxKhz()).isEqualTo(5000);
        assertThat(atr.protocols()).containsExactly(1);
        assertThat(atr.interfaceBytes().get(5).meaning()).isEqualTo("IFSC=254 bytes (T=1)");
        assertThat(atr.interfaceBytes().get(6).meaning()).isEqualTo("BWI=1, CWI=5 (T=1)");
        assertThat(atr.historicalText()).isEqualTo("Yubikey4");
        assertThat(atr.tckRequired()).isTrue();
        assertThat(atr.tck()).hasValue(0xD4);
        assertThat(atr.tckOk()).isTrue();
        assertThat(atr.problems()).isEmpty();
    }

    @Test
    void mifareClassicThroughAPcscReaderOffersT0ThenT1AndCompactTlvHistoricalBytes() {
        Atr atr = Atr.parse("3B8F8001804F0CA000000306030001000000006A");

        assertThat(atr.protocols()).containsExactly(0, 1);
        assertThat(atr.protocolText()).isEqualTo("T=0, T=1");
        assertThat(atr.ta1()).isEmpty();
        assertThat(atr.fi()).as("no TA1: the default Fi").isEqualTo(372);
        assertThat(atr.di()).isEqualTo(1);
        assertThat(atr.historicalBytes()).hasSize(15);
        assertThat(atr.historicalCategory()).startsWith("80");
        assertThat(atr.tckOk()).isTrue();
        assertThat(atr.hex()).isEqualTo("3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A");
    }

    @Test
    void aT0OnlyCardHasNoInterfaceBytesAndNoTck() {
        Atr atr = Atr.parse("3B 02 14 50"); // Schlumberger Multiflex 3k

        assertThat(atr.interfaceBytes()).isEmpty();
        assertThat(atr.protocols()).containsExactly(0);
        assertThat(atr.tckRequired()).isFalse();
        assertThat(atr.tck()).isEmpty();
        assertThat(atr.tckOk()).isTrue();
        assertThat(atr.historicalBytes()).containsExactly(0x14, 0x50);
        assertThat(atr.isWellFormed()).isTrue();
    }

    @Test
    void jcardsimsDefaultAtrSaysJcop31WithFiDiAndT1() {
        Atr atr = Atr.parse("3BFA1800008131FE454A434F5033315632333298");

        assertThat(atr.fi()).isEqualTo(372);
        assertThat(atr.di()).isEqualTo(12);
        assertThat(atr.interfaceBytes().get(0).meaning()).isEqualTo("Fi=372, Di=12, f max 5.0 MHz, 31 clock cycles per bit");
        assertThat(atr.historicalText()).isEqualTo("JCOP31V232");
        assertThat(atr.tckOk()).isTrue();
    }

    @Test
    void inverseConventionIsNamed() {
        Atr atr = Atr.parse("3F 05 DC 20 FC 00 01");

        assertThat(atr.convention()).isEqualTo("inverse");
        assertThat(atr.historicalLength()).isEqualTo(5);
        assertThat(atr.isWellFormed()).isTrue();
    }

    @Test
    void aWrongTckIsFoundAndTheRightOneNamed() {
        Atr atr = Atr.parse("3B F8 13 00 00 81 31 FE 15 59 75 62 69 6B 65 79 34 D5");

        assertThat(atr.tckOk()).isFalse();
        assertThat(atr.problems()).singleElement().asString().contains("TCK=D5 is wrong").contains("should be D4");
    }

    @Test
    void aMissingTckWhenT1IsOfferedIsAProblem() {
        Atr atr = Atr.parse("3B F8 13 00 00 81 31 FE 15 59 75 62 69 6B 65 79 34");

        assertThat(atr.tckOk()).isFalse();
        assertThat(atr.problems()).singleElement().asString().contains("TCK is required");
    }

    @Test
    void aTruncatedAtrParsesAsFarAsItGoesAndSaysWhatIsMissing() {
        Atr atr = Atr.parse("3B 8F 80");

        assertThat(atr.interfaceBytes()).extracting(Atr.InterfaceByte::name).containsExactly("TD1");
        assertThat(atr.problems()).first().asString().isEqualTo("TD2 is announced but the ATR ends before it");
        assertThat(Atr.parse("3B").problems()).singleElement().asString().contains("at least TS and T0");
    }

    @Test
    void aBadTsIsAProblem() {
        assertThat(Atr.parse("3A 00").problems()).singleElement().asString().contains("TS=3A");
    }

    @Test
    void globalInterfaceBytesAfterT15NameClockStopAndClasses() {
        // T=1, then T=15 with TA3 = C3: clock stop no preference, classes A and B.
        byte[] atr = withTck(new byte[] {0x3B, (byte) 0x80, (byte) 0x81, 0x1F, (byte) 0xC3, 0x00});

        Atr parsed = Atr.parse(atr);

        assertThat(parsed.protocols()).containsExactly(1);
        assertThat(parsed.interfaceBytes().get(2).meaning()).isEqualTo("clock stop no preference, class A (5 V), B (3 V)");
        assertThat(parsed.tckOk()).isTrue();
    }

    @Test
    void textThatIsNotHexIsRefused() {
        assertThatThrownBy(() -> Atr.parse("3B XY")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] withTck(byte[] atr) {
        byte tck = 0;
        for (int i = 1; i < atr.length - 1; i++) {
            tck ^= atr[i];
        }
        atr[atr.length - 1] = tck;
        return atr;
    }
}
