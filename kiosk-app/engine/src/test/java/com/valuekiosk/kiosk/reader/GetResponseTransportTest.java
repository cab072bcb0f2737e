package com.valuekiosk.kiosk.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardTransportException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetResponseTransportTest {

    /** Answers from a script and fails with "expected X but got Y" when a command is not the one expected. */
    private static final class ScriptedCard implements com.valuekiosk.card.host.CardTransport {

        private final Deque<String[]> script = new ArrayDeque<>();
        final List<String> sent = new ArrayList<>();

        ScriptedCard expect(String command, String answer) {
            script.add(new String[] {command, answer});
            return this;
        }

        @Override
        public byte[] transmit(byte[] command) {
            String got = Bytes.hex(command);
            sent.add(got);
            String[] step = script.poll();
            if (step == null) {
                throw new AssertionError("no more commands expected, but got " + got);
            }
            if (!step[0].equals(got)) {
                throw new AssertionError("expected " + step[0] + " but got " + got);
            }
            return Bytes.fromHex(step[1]);
        }

        void assertDone() {
            assertThat(script).as("commands still expected").isEmpty();
        }
    }

    @Test
    void moreDataIsFetchedWithGetResponseAndJoined() throws Exception {
        ScriptedCard card = new ScriptedCard()
                .expect("80CA000000", "AABB6102")
                .expect("00C0000002", "CCDD6101")
                .expect("00C0000001", "EE9000");

        assertThat(Bytes.hex(new GetResponseTransport(card).transmit(Bytes.fromHex("80CA000000"))))
                .isEqualTo("AABBCCDDEE9000");
        card.assertDone();
    }

    @Test
    void aWrongLeIsCorrectedByResendingTheSameCommand() throws Exception {
        ScriptedCard card = new ScriptedCard()
                .expect("80CA000000", "6C17")
                .expect("80CA000017", "01029000");

        assertThat(Bytes.hex(new GetResponseTransport(card).transmit(Bytes.fromHex("80CA000000")))).isEqualTo("01029000");
        card.assertDone();
    }

    @Test
    void ordinaryAnswersPassUntouched() throws Exception {
        ScriptedCard card = new ScriptedCard().expect("00A40400020102", "6A82");

        assertThat(Bytes.hex(new GetResponseTransport(card).transmit(Bytes.fromHex("00A40400020102")))).isEqualTo("6A82");
    }

    @Test
    void aCardThatNeverStopsChainingIsGivenUpOnAfterTheLimit() {
        List<String> sent = new ArrayList<>();
        GetResponseTransport transport = new GetResponseTransport(command -> {
            sent.add(Bytes.hex(command));
            return Bytes.fromHex("6110");
        });

        assertThatThrownBy(() -> transport.transmit(Bytes.fromHex("80CA000000")))
                .isInstanceOf(CardTransportException.class)
                .hasMessageContaining("6110")
                .hasMessageContaining(String.valueOf(GetResponseTransport.MAX_ROUNDS));
        assertThat(sent).hasSize(1 + GetResponseTransport.MAX_ROUNDS);
    }

    @Test
    void anAnswerWithoutAStatusWordIsATransportFailure() {
        assertThatThrownBy(() -> new GetResponseTransport(command -> new byte[] {0x01}).transmit(Bytes.fromHex("80CA0000")))
                .isInstanceOf(CardTransportException.class)
                .hasMessageContaining("status word");
    }

    @Test
    void leIsSetForEveryShortCase() {
        assertThat(Bytes.hex(GetResponseTransport.withLe(Bytes.fromHex("80CA0000"), 0x10))).isEqualTo("80CA000010");
        assertThat(Bytes.hex(GetResponseTransport.withLe(Bytes.fromHex("80CA000000"), 0x10))).isEqualTo("80CA000010");
        assertThat(Bytes.hex(GetResponseTransport.withLe(Bytes.fromHex("80DA00010101"), 0x10))).isEqualTo("80DA0001010110");
        assertThat(Bytes.hex(GetResponseTransport.withLe(Bytes.fromHex("00A4040002010200"), 0x10)))
                .isEqualTo("00A4040002010210");
    }
}
