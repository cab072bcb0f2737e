package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Charge up now" after a purchase (issue "speed"): the charge-up goes on in the session the purchase read the e-money
 * card in, with no SELECT, while the card stays in the field; a card that left, or a session that broke, is selected
 * anew; nothing is lost or applied twice on either path.
 */
class ChargeUpAfterPurchaseTest {

    private static final long START_BALANCE = 1_000;
    private static final long BOUGHT = 1_000;

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;
    KioskHarness kiosk;
    /** The contactless reader's commands by instruction, from the purchase's approval on. */
    final List<String> contactless = new ArrayList<>();

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @BeforeEach
    void buy() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
        PurchaseFlow purchase = kiosk.buy(BOUGHT);
        assertThat(purchase.state()).isEqualTo(PurchaseFlow.State.APPROVED);
    }

    @AfterEach
    void close() throws Exception {
        kiosk.close();
    }

    /** A fault that never fires sees every command: a tap at the APDU boundary. */
    private void recordContactless() {
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD,
                command -> !contactless.add(String.format("%02X", command[1])));
    }

    private void chargeUpCompletes() throws Exception {
        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).as(String.valueOf(charge.failure())).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(charge.balanceBefore()).isEqualTo(START_BALANCE);
        assertThat(charge.confirm(true)).as(String.valueOf(charge.failure())).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(charge.balanceAfter()).isEqualTo(START_BALANCE + BOUGHT);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE + BOUGHT);
        kiosk.assertMoneyConserved(BOUGHT);
    }

    @Test
    void theChargeUpGoesOnInThePurchasesSessionWithoutASelect() throws Exception {
        recordContactless();

        chargeUpCompletes();

        assertThat(contactless).as("the purse is still selected: PROVE STATE and CREDIT only").containsExactly("CC", "32");
    }

    @Test
    void aCardThatLeftTheFieldAndCameBackIsSelectedAnew() throws Exception {
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        recordContactless();

        chargeUpCompletes();

        assertThat(contactless).as("the read's SELECT, then PROVE STATE and CREDIT in the read's session")
                .containsExactly("A4", "CC", "32");
    }

    @Test
    void aKeptSessionThatBrokeWithoutAnEventIsSelectedAnewBeforeTheServerIsAsked() throws Exception {
        // Another session on the reader powers the card down (as a PC/SC reset would): the kept session does not
        // know, and its purse is no longer selected.
        kiosk.contactless.connect().close();
        recordContactless();

        chargeUpCompletes();

        assertThat(contactless).as("PROVE STATE refused (nothing selected), then SELECT, PROVE STATE, CREDIT")
                .containsExactly("CC", "A4", "CC", "32");
    }

    @Test
    void theCardPulledAtTheFirstProveStateOfTheKeptSessionLosesNothing() throws Exception {
        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_PROVE_STATE));

        assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(charge.failure().error()).isEqualTo(FlowError.NO_CARD);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE);

        kiosk.contactless.tap(kiosk.emoneyCard);
        chargeUpCompletes();
    }

    @Test
    void theCardPulledAfterTheCreditInTheKeptSessionIsAppliedOnce() throws Exception {
        ChargeUpFlow charge = kiosk.chargeUp();
        assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        kiosk.contactless.armFault(SimulatedReader.Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));

        assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE);
        kiosk.contactless.tap(kiosk.emoneyCard);
        assertThat(charge.retryWrite()).isEqualTo(ChargeUpFlow.State.COMPLETED);

        assertThat(kiosk.balance(kiosk.emoneyCard)).as("applied once, not twice").isEqualTo(START_BALANCE + BOUGHT);
        kiosk.assertMoneyConserved(BOUGHT);
    }

    @Test
    void theVisitsEndReleasesTheKeptSession() throws Exception {
        kiosk.engine.endVisit();
        recordContactless();

        chargeUpCompletes();

        assertThat(contactless).as("nothing kept: the charge-up reads the card itself").containsExactly("A4", "CC", "32");
    }

    @Test
    void aNewPurchaseReleasesTheKeptSession() throws Exception {
        kiosk.purchase().close();
        recordContactless();

        chargeUpCompletes();

        assertThat(contactless).containsExactly("A4", "CC", "32");
    }

    @Test
    void aChargeUpThatEndsLeavesNoSessionKept() throws Exception {
        chargeUpCompletes();
        // The card stays; it lingers after its charge (R-KI5) and the next charge-up reads it anew.
        recordContactless();
        ChargeUpFlow again = kiosk.chargeUp();
        assertThat(again.readCard()).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(again.failure().error()).isEqualTo(FlowError.CARD_STILL_ON_READER);
        assertThat(contactless).containsExactly("A4");
    }
}
