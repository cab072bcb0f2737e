package com.valuekiosk.kiosk.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.PcscReader;
import java.time.Duration;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import org.junit.jupiter.api.Test;

/** Simulated readers through javax.smartcardio: what PC/SC code (and the kiosk's own PcscReader) sees of them. */
class SimulatedPcscTest {

    private static final SimulatedCardFactory CARDS = new SimulatedCardFactory(IssuerMasterKeys.demo());

    private final SimulatedReader contact = SimulatedReader.contact();
    private final SimulatedReader contactless = SimulatedReader.contactless();
    private final CardTerminals terminals = new SimulatedPcsc(List.of(contact, contactless)).terminals().orElseThrow();

    @Test
    void eachReaderIsATerminalOfItsNameAndItsCardAnswersAsOnTheReader() throws Exception {
        contactless.tap(CARDS.purseCard(DemoCards.EMONEY_CARD));
        assertThat(terminals.list()).extracting(CardTerminal::getName).containsExactly(contact.name(), contactless.name());
        assertThat(terminals.list(CardTerminals.State.CARD_PRESENT)).extracting(CardTerminal::getName)
                .containsExactly(contactless.name());

        Card card = terminals.getTerminal(contactless.name()).connect("*");
        assertThat(card.getATR().getBytes()).isEqualTo(SimulatedReader.atrOf(contactless.card().orElseThrow().formFactor()));
        byte[] select = CardCommands.select(Aids.PURSE);
        assertThat(card.getBasicChannel().transmit(new CommandAPDU(select)).getSW()).isEqualTo(0x9000);
        assertThatThrownBy(() -> card.transmitControlCommand(0x42000D48, new byte[0])).isInstanceOf(CardException.class)
                .hasMessageContaining("SCARD_E_UNSUPPORTED_FEATURE");
        card.disconnect(false);
    }

    @Test
    void anEmptyReaderSaysNoCardAndACardTakenAwayMidSessionFailsTheCommand() throws Exception {
        assertThatThrownBy(() -> terminals.getTerminal(contact.name()).connect("*")).isInstanceOf(CardNotPresentException.class);
        assertThat(terminals.getTerminal(contact.name()).connect("DIRECT").getProtocol()).isEqualTo("DIRECT");

        contact.insert(CARDS.creditCard(DemoCards.CREDIT_CARD));
        Card card = terminals.getTerminal(contact.name()).connect("*");
        contact.remove();
        assertThatThrownBy(() -> card.getBasicChannel().transmit(new CommandAPDU(CardCommands.select(Aids.CREDIT_CARD))))
                .isInstanceOf(CardException.class);
    }

    @Test
    void theKiosksOwnPcscReaderWorksOnThem() throws Exception {
        contact.insert(CARDS.creditCard(DemoCards.CREDIT_CARD));
        PcscReader reader = new PcscReader("contact", CardReader.Kind.CONTACT, new SimulatedPcsc(List.of(contact)), Duration.ofMillis(250));
        try {
            reader.pollOnce();
            assertThat(reader.state()).isEqualTo(CardReader.State.READY);
            assertThat(reader.isCardPresent()).isTrue();
            try (var session = reader.connect()) {
                assertThat(session.transmit(CardCommands.select(Aids.CREDIT_CARD))).endsWith((byte) 0x90, (byte) 0x00);
            }
        } finally {
            reader.close();
        }
    }
}
