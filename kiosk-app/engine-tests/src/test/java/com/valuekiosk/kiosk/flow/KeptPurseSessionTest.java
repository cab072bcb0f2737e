package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.CardCommands;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.TestCards;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import org.junit.jupiter.api.Test;

/** The one purse session kept between the flows of a visit: who takes it, and every way it is closed. */
class KeptPurseSessionTest {

    private final SimulatedReader reader = SimulatedReader.contactless();
    private final KeptPurseSession kept = KeptPurseSession.create();

    private CardSession selected() throws Exception {
        CardSession session = reader.connect();
        new PurseApplication(session).select();
        return session;
    }

    private static PurseData data(CardSession session) throws Exception {
        return new PurseApplication(session).cardData(new PurseApplication(session).select());
    }

    private static boolean isClosed(CardSession session) {
        try {
            session.transmit(CardCommands.getData());
            return false;
        } catch (IllegalStateException closed) {
            return true;
        } catch (Exception other) {
            return false;
        }
    }

    @Test
    void theTakerGetsTheSessionWithThePurseStillSelectedAndOwnsIt() throws Exception {
        reader.tap(TestCards.purseCard());
        CardSession session = selected();
        PurseData data = data(session);
        kept.keep(reader, session, data);

        KeptPurseSession.Kept taken = kept.take(reader).orElseThrow();

        assertThat(taken.session()).isSameAs(session);
        assertThat(taken.data()).isEqualTo(data);
        assertThat(new PurseApplication(session).readCardData()).as("no SELECT needed").isEqualTo(data);
        assertThat(kept.take(reader)).as("taken once").isEmpty();
        kept.release();
        assertThat(isClosed(session)).as("the taker's now, not released with the keeper's").isFalse();
        session.close();
    }

    @Test
    void theCardLeavingClosesTheKeptSession() throws Exception {
        kept.watch(reader);
        reader.tap(TestCards.purseCard());
        CardSession session = selected();
        kept.keep(reader, session, data(session));

        reader.remove();

        assertThat(kept.isKeeping()).isFalse();
        assertThat(isClosed(session)).isTrue();
        assertThat(kept.take(reader)).isEmpty();
    }

    @Test
    void theVisitsEndAndAnotherKeptSessionCloseIt() throws Exception {
        reader.tap(TestCards.purseCard());
        CardSession first = selected();
        kept.keep(reader, first, data(first));
        CardSession second = reader.connect();
        kept.keep(reader, second, data(second));
        assertThat(isClosed(first)).isTrue();

        kept.release();

        assertThat(isClosed(second)).isTrue();
        assertThat(kept.isKeeping()).isFalse();
    }

    @Test
    void aFlowReleasesOnlyTheSessionItLeft() throws Exception {
        reader.tap(TestCards.purseCard());
        CardSession session = selected();
        KeptPurseSession.Kept byThePurchase = kept.keep(reader, session, data(session));
        CardSession taken = kept.take(reader).orElseThrow().session();
        KeptPurseSession.Kept byTheChargeUp = kept.keep(reader, taken, data(taken)); // the same session, kept again

        kept.release(byThePurchase); // the purchase flow closes after the charge-up took its session

        assertThat(kept.isKeeping()).isTrue();
        assertThat(isClosed(session)).as("the charge-up's now").isFalse();
        kept.release(byTheChargeUp);
        assertThat(isClosed(session)).isTrue();
    }

    @Test
    void aKeeperThatNeverKeepsClosesAtOnce() throws Exception {
        KeptPurseSession never = KeptPurseSession.never();
        reader.tap(TestCards.purseCard());
        CardSession session = selected();

        never.keep(reader, session, data(session));

        assertThat(isClosed(session)).isTrue();
        assertThat(never.take(reader)).isEmpty();
        assertThatThrownBy(() -> session.transmit(CardCommands.getData())).isInstanceOf(IllegalStateException.class);
    }
}
