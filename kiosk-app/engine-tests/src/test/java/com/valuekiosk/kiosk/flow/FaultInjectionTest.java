package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.kiosk.journal.Step;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-KI5: faults at each step of both flows — the card leaves before or after a write, the kiosk
 * process dies, a server is down — and after each, money is conserved (billed = on the card +
 * still waiting + refunded) and nothing was credited twice.
 */
class FaultInjectionTest {

    private static final long START_BALANCE = 1_000;

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;
    KioskHarness kiosk;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @AfterEach
    void close() throws Exception {
        if (kiosk != null) {
            assertCreditedAtMostOncePerCharge();
            kiosk.close();
        }
    }

    private void start() throws Exception {
        kiosk = new KioskHarness(pki, directory, Storage.H2);
    }

    private ChargeUpFlow chargeUpToConfirmation() {
        ChargeUpFlow flow = kiosk.chargeUp();
        assertThat(flow.readCard()).as(String.valueOf(flow.failure())).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        return flow;
    }

    private void tapAgain() {
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
    }

    // ---- charge-up: the card leaves during the write ----

    @Test
    void cardLeavesBeforeTheCreditReachesItAndIsPlacedAgain() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));

        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE);
        kiosk.contactless.tap(kiosk.emoneyCard);
        assertThat(kiosk.balance(kiosk.emoneyCard)).as("nothing applied").isEqualTo(START_BALANCE);

        assertThat(flow.retryWrite()).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE + 2_000);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void recoveryLeavesAChargeAloneWhileItsFlowWaitsForTheCardToComeBack() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        kiosk.contactless.armFault(SimulatedReader.Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE);

        Recovery.Report report = kiosk.engine.recoverNow();

        assertThat(report.inFlight()).as("the flow still owns its charge").isEqualTo(1);
        assertThat(kiosk.engine.journal().of(flow.transaction())).last().extracting(entry -> entry.step())
                .isEqualTo(Step.CHARGE_WRITING);
        kiosk.contactless.tap(kiosk.emoneyCard);
        assertThat(flow.retryWrite()).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.engine.journal().unfinished()).isEmpty();
        assertThat(kiosk.engine.recoverNow()).isEqualTo(new Recovery.Report(0, 0, 0, 0));
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE + 2_000);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void cardLeavesAfterApplyingTheCreditAndItsAnswerIsLost() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        kiosk.contactless.armFault(SimulatedReader.Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));

        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE);
        kiosk.contactless.tap(kiosk.emoneyCard);
        assertThat(flow.retryWrite()).isEqualTo(ChargeUpFlow.State.COMPLETED);

        assertThat(kiosk.balance(kiosk.emoneyCard)).as("applied once, not twice").isEqualTo(START_BALANCE + 2_000);
        assertThat(kiosk.servers.emoneyCount("SELECT COUNT(*) FROM charges WHERE state = 'COMPLETED' AND completed_by = 'CARD_STATE'"))
                .isEqualTo(1);
        kiosk.assertMoneyConserved(2_000);
    }

    // ---- charge-up: the kiosk process dies ----

    @Test
    void processDiesAfterTheCardAppliedTheCreditAndTheCardComesBackLater() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        kiosk.contactless.armFault(SimulatedReader.Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        flow.confirm(true);

        kiosk.restart();
        assertThat(kiosk.engine.recoveredOnStart().awaitingCard()).isEqualTo(1);
        kiosk.contactless.tap(kiosk.emoneyCard);
        ChargeUpFlow next = kiosk.chargeUp();
        assertThat(next.readCard()).as("the earlier charge is settled from the card; nothing else waits")
                .isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(next.failure().error()).isEqualTo(FlowError.NOTHING_TO_CHARGE);

        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE + 2_000);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void processDiesBeforeTheWriteReachedTheCardAndTheChargeIsWrittenAtTheNextTap() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        flow.confirm(true);

        kiosk.restart();
        kiosk.contactless.tap(kiosk.emoneyCard);
        ChargeUpFlow next = chargeUpToConfirmation();
        assertThat(next.available()).as("the issued charge still waits for the card").isEqualTo(2_000);
        assertThat(next.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);

        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE + 2_000);
        assertThat(kiosk.servers.emoneyCount("SELECT COUNT(*) FROM charges")).as("the same charge, re-sent").isEqualTo(1);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void eMoneyServerUnreachableAtConfirmationIsFinishedByRecovery() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        // The server goes down the moment the card receives the CREDIT: the card applies it, the
        // completion cannot be delivered.
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, command -> {
            if (command.length > 1 && command[1] == CardProtocol.INS_CREDIT) {
                stopEmoney();
            }
            return false;
        });

        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE + 2_000);
        assertThat(kiosk.engine.journal().unfinished()).extracting(entry -> entry.step()).containsExactly(Step.CHARGE_APPLIED);

        kiosk.servers.startEmoney();
        kiosk.restart();
        // Settled by the run at start, or already by the one the flow's ending triggered if it
        // came after the server was back: either way once, from the card's receipt.
        kiosk.engine.recoveredOnStart();
        assertThat(kiosk.engine.journal().unfinished()).isEmpty();
        assertThat(kiosk.servers.emoneyCount("SELECT COUNT(*) FROM charges WHERE state = 'COMPLETED' AND completed_by = 'RECEIPT'"))
                .isEqualTo(1);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void aCompletionTheServerNeverHeardIsSettledInTheBackgroundWithoutARestart() throws Exception {
        start();
        kiosk.recoveryInterval = Duration.ofMillis(50);
        kiosk.restart();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, command -> {
            if (command.length > 1 && command[1] == CardProtocol.INS_CREDIT) {
                stopEmoney();
            }
            return false;
        });
        CountDownLatch settled = new CountDownLatch(1);
        kiosk.engine.recovery().addListener(report -> {
            if (report.settled() > 0) {
                settled.countDown();
            }
        });

        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        kiosk.servers.startEmoney();

        assertThat(settled.await(30, TimeUnit.SECONDS)).as("a background run settled it").isTrue();
        assertThat(kiosk.engine.journal().unfinished()).isEmpty();
        assertThat(kiosk.servers.emoneyCount("SELECT COUNT(*) FROM charges WHERE state = 'COMPLETED' AND completed_by = 'RECEIPT'"))
                .isEqualTo(1);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void aPurchaseWhoseAnswerWasLostIsAskedAboutAsSoonAsTheFlowEnds() throws Exception {
        start();
        kiosk.creditCompanyUnreachable();
        kiosk.restart();
        List<Recovery.Report> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch askedAgain = new CountDownLatch(1);
        kiosk.engine.recoveredOnStart();
        kiosk.engine.recovery().addListener(report -> {
            reports.add(report);
            askedAgain.countDown();
        });

        PurchaseFlow purchase = kiosk.buy(2_000);
        assertThat(purchase.failure().error()).isEqualTo(FlowError.SERVER_UNREACHABLE);

        // The interval is a minute: only the flow's ending can have started this run.
        assertThat(askedAgain.await(30, TimeUnit.SECONDS)).as("a run right after the flow ended").isTrue();
        assertThat(reports).as("the server is still unreachable: asked, left open")
                .containsExactly(new Recovery.Report(0, 1, 0, 0));
        assertThat(kiosk.engine.journal().unfinished()).extracting(entry -> entry.step()).containsExactly(Step.PURCHASE_AUTHORIZED);
    }

    @Test
    void eMoneyServerDownWhenTheChangeIsRequestedLeavesTheCardUntouched() throws Exception {
        start();
        kiosk.buy(2_000);
        ChargeUpFlow flow = chargeUpToConfirmation();
        stopEmoney();

        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(flow.failure().error()).isEqualTo(FlowError.SERVER_UNREACHABLE);
        assertThat(kiosk.balance(kiosk.emoneyCard)).isEqualTo(START_BALANCE);

        kiosk.servers.startEmoney();
        tapAgain();
        ChargeUpFlow again = chargeUpToConfirmation();
        assertThat(again.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        kiosk.assertMoneyConserved(2_000);
    }

    // ---- purchase ----

    @Test
    void eMoneyServerDownDuringThePurchaseGetsTheNoticeWhenItIsBack() throws Exception {
        start();
        stopEmoney();
        PurchaseFlow purchase = kiosk.buy(2_000);
        assertThat(purchase.state()).isEqualTo(PurchaseFlow.State.APPROVED);
        assertThat(purchase.approval().notification().name()).isEqualTo("PENDING");

        kiosk.servers.startEmoney();
        kiosk.servers.clock.advance(Duration.ofMinutes(1));
        kiosk.servers.credit.notifier().deliverDue();
        ChargeUpFlow flow = chargeUpToConfirmation();
        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void chargingRightAfterAPurchaseWhoseNoticeIsStillOnItsWayWaitsForIt() throws Exception {
        start();
        stopEmoney();
        PurchaseFlow purchase = kiosk.buy(2_000);
        assertThat(purchase.approval().notification().name()).isEqualTo("PENDING");
        kiosk.servers.startEmoney();
        kiosk.servers.clock.advance(Duration.ofMinutes(1));

        // The notice arrives while the kiosk pauses before asking again (the first pause, moved by hand).
        java.util.concurrent.atomic.AtomicInteger pauses = new java.util.concurrent.atomic.AtomicInteger();
        ChargeUpFlow flow = chargeUpWith(pause -> {
            assertThat(pause).isEqualTo(ChargeUpFlow.NOTICE_PAUSE);
            if (pauses.incrementAndGet() == 1) {
                kiosk.servers.credit.notifier().deliverDue();
            }
        });
        assertThat(flow.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        assertThat(flow.available()).isEqualTo(2_000);
        assertThat(pauses).hasValue(1);
        assertThat(flow.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
        kiosk.assertMoneyConserved(2_000);
    }

    @Test
    void aNoticeThatDoesNotComeEndsInNothingToChargeAfterAFewSecondsAndOnlyThen() throws Exception {
        start();
        java.util.concurrent.atomic.AtomicInteger pauses = new java.util.concurrent.atomic.AtomicInteger();
        // No purchase on this kiosk: nothing is on its way, so no pause at all.
        kiosk.contactless.tap(kiosk.emoneyCard);
        ChargeUpFlow nothingBought = chargeUpWith(pause -> pauses.incrementAndGet());
        assertThat(nothingBought.readCard()).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(nothingBought.failure().error()).isEqualTo(FlowError.NOTHING_TO_CHARGE);
        assertThat(pauses).hasValue(0);

        stopEmoney();
        assertThat(kiosk.buy(2_000).approval().notification().name()).isEqualTo("PENDING");
        kiosk.servers.startEmoney(); // the notice is never delivered here
        ChargeUpFlow waited = chargeUpWith(pause -> pauses.incrementAndGet());
        assertThat(waited.readCard()).isEqualTo(ChargeUpFlow.State.FAILED);
        assertThat(waited.failure().error()).isEqualTo(FlowError.NOTHING_TO_CHARGE);
        assertThat(pauses).hasValue(ChargeUpFlow.NOTICE_WAITS);
    }

    /** A charge-up on the kiosk's readers, journal and fingerprint key, pausing through {@code sleeper}. */
    private ChargeUpFlow chargeUpWith(com.valuekiosk.kiosk.client.Sleeper sleeper) {
        return new ChargeUpFlow(kiosk.contactless, kiosk.emoney, kiosk.engine.journal(),
                CardFingerprints.openOrCreate(directory.resolve("kiosk/fingerprint.key")), new LingeringCardGuard(),
                kiosk.states::add, sleeper);
    }

    @Test
    void creditCompanyUnreachableBillsNothingAndRecoveryClosesTheRequest() throws Exception {
        start();
        kiosk.creditCompanyUnreachable();
        kiosk.restart();
        PurchaseFlow purchase = kiosk.buy(2_000);
        assertThat(purchase.state()).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(purchase.failure().error()).isEqualTo(FlowError.SERVER_UNREACHABLE);
        assertThat(kiosk.engine.journal().unfinished()).extracting(entry -> entry.step()).containsExactly(Step.PURCHASE_AUTHORIZED);

        kiosk.creditCompanyReachable();
        kiosk.restart();
        assertThat(kiosk.engine.recoveredOnStart().settled()).isEqualTo(1);
        assertThat(kiosk.engine.journal().entries().get(kiosk.engine.journal().entries().size() - 1).step())
                .isEqualTo(Step.PURCHASE_NOT_MADE);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isZero();
        kiosk.assertMoneyConserved(0);
    }

    @Test
    void processDiesBeforeThePurchaseWasSentAndNothingIsBilled() throws Exception {
        start();
        PurchaseFlow flow = kiosk.readyToTransmit();
        // The card leaves at AUTHORIZE: the process "dies" with the purchase journaled as started.
        kiosk.contact.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_AUTHORIZE_PURCHASE));
        assertThat(flow.transmit(KioskHarness.pin(DemoCards.PIN), 2_000)).isEqualTo(PurchaseFlow.State.FAILED);
        assertThat(flow.failure().error()).isEqualTo(FlowError.CARD_REMOVED_TOO_EARLY);

        kiosk.restart();
        assertThat(kiosk.engine.journal().unfinished()).isEmpty();
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isZero();
    }

    @Test
    void neitherPinNorFullCardNumberReachesTheLogOrTheJournalWhateverHappens() throws Exception {
        try (LogCapture log = new LogCapture()) {
            start();
            PurchaseFlow wrong = kiosk.readyToTransmit();
            wrong.transmit(KioskHarness.pin("8642"), 2_000);
            wrong.transmit(KioskHarness.pin(DemoCards.PIN), 2_000);
            ChargeUpFlow flow = chargeUpToConfirmation();
            kiosk.contactless.armFault(SimulatedReader.Fault.ANSWER_LOST, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
            flow.confirm(true);
            kiosk.restart();

            String everything = log.unmaskedText() + kiosk.journalText();
            for (var card : KioskHarness.allCardNumbers()) {
                assertThat(everything).doesNotContain(card.digits());
            }
            assertThat(kiosk.journalText()).doesNotContain("8642").doesNotContain("38363432");
            assertThat(log.unmaskedText()).doesNotContain("8642").doesNotContain("38363432");
        }
    }

    private void stopEmoney() {
        try {
            kiosk.servers.stopEmoney();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The card's log never shows one server transaction twice. */
    private void assertCreditedAtMostOncePerCharge() throws Exception {
        kiosk.contactless.remove();
        PurseApplication purse = new PurseApplication(kiosk.emoneyCard);
        purse.select();
        List<Long> credits = purse.readLog().stream().filter(entry -> entry.type() == PurseLogEntry.Type.CREDIT)
                .map(PurseLogEntry::transactionId).toList();
        assertThat(credits).doesNotHaveDuplicates();
    }
}
