package com.valuekiosk.kiosk.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Bytes;
import org.junit.jupiter.api.Test;

class PcscPinPadTest {

    @Test
    void theVerifyPinStructureHasExactlyTheseBytes() {
        byte[] structure = PcscPinPad.verifyPinStructure(30);

        assertThat(Bytes.hex(structure)).isEqualTo(
                "1E"           // bTimerOut: 30 s
                + "00"         // bTimerOut2
                + "82"         // bmFormatString: byte units, position 0, left justified, ASCII
                + "00"         // bmPINBlockString: no length field, no fixed block
                + "00"         // bmPINLengthFormat
                + "0804"       // wPINMaxExtraDigit 0x0408, little-endian: min 4, max 8
                + "02"         // bEntryValidationCondition: OK key
                + "01"         // bNumberMessage
                + "0904"       // wLangId 0x0409, little-endian
                + "00"         // bMsgIndex
                + "000000"     // bTeoPrologue
                + "04000000"   // ulDataLength 4, little-endian
                + "00200080"); // abData: VERIFY header; the reader appends Lc and the digits
        assertThat(structure).hasSize(23);
    }

    @Test
    void theTimeoutIsTheFirstByteAndMustFitInIt() {
        assertThat(PcscPinPad.verifyPinStructure(0)[0]).isZero();
        assertThat(PcscPinPad.verifyPinStructure(255)[0]).isEqualTo((byte) 0xFF);
        assertThatThrownBy(() -> PcscPinPad.verifyPinStructure(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcscPinPad.verifyPinStructure(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getFeatureRequestIsScardCtlCode3400() {
        assertThat(PcscPinPad.scardCtlCode(3400, false)).isEqualTo(0x42000D48);
        assertThat(PcscPinPad.scardCtlCode(3400, true)).isEqualTo(0x00313520);
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(PcscPinPad.GET_FEATURE_REQUEST).isEqualTo(0x42000D48);
        }
    }

    @Test
    void featuresAreReadAsTagLengthControlCode() {
        assertThat(PcscPinPad.features(Bytes.fromHex("060442330006" + "0A0442330012" + "120442330020")))
                .containsExactly(java.util.Map.entry(0x06, 0x42330006), java.util.Map.entry(0x0A, 0x42330012),
                        java.util.Map.entry(0x12, 0x42330020));
    }

    @Test
    void aTruncatedOrOddFeatureListEndsWhereItBreaks() {
        assertThat(PcscPinPad.features(Bytes.fromHex("06044233000607034233"))).containsOnlyKeys(0x06);
        assertThat(PcscPinPad.features(Bytes.fromHex("060442"))).isEmpty();
        assertThat(PcscPinPad.features(new byte[0])).isEmpty();
        assertThat(PcscPinPad.features(null)).isEmpty();
    }

    @Test
    void thePadsAnswerIsAStatusWordOfTwoBytes() throws Exception {
        assertThat(PcscPinPad.statusWord(Bytes.fromHex("63C1"))).isEqualTo(0x63C1);
        assertThatThrownBy(() -> PcscPinPad.statusWord(new byte[1])).isInstanceOf(ReaderException.class);
        assertThatThrownBy(() -> PcscPinPad.statusWord(null)).isInstanceOf(ReaderException.class);
    }
}
