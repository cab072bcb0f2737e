package com.valuekiosk.kiosk.ui.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.flow.Receipt;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Problem;
import com.valuekiosk.kiosk.ui.Problems;
import com.valuekiosk.kiosk.ui.Progress;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purchase across its screens, without nodes: which card the flow asks for (FIG. 14A), TRANSMIT, the
 * receipt, a wrong PIN kept for "try again", the idle timeout. On the real engine with simulated readers and both
 * servers; the worker is a queue this test runs, so that what the process shows changes only when a result is
 * delivered (on the "FX thread", here the test's).
 */
class PurchaseProcessTest {

    @TempDir
    Path directory;
    private KioskRig kiosk;
    private final Queue<Runnable> worker = new ArrayDeque<>();
    private final BackgroundWork background = new BackgroundWork(worker::add, Runnable::run);
    private final Navigator navigator = new Navigator();
    private final Problems problems = new Problems(navigator);
    private final List<Receipt> receipts = new ArrayList<>();
    private PurchaseProcess process;

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = new KioskRig(directory);
        KioskFlows flows = KioskFlows.of(kiosk.engine);
        process = new PurchaseProcess(flows, background, navigator, new Progress(), problems,
                new CardPresence(flows, background), receipts::add);
        navigator.register(process);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    private void runWorker() {
        while (!worker.isEmpty()) {
            worker.remove().run();
        }
    }

    private Problem problem() {
        return problems.problemProperty().get();
    }

    @Test
    void transmitReadsBothCardsHandsTheReceiptOnAndWipesThePin() {
        kiosk.placeBothCards();
        process.begin();
        assertThat(navigator.current()).isEqualTo(Screen.PURCHASE);
        char[] pin = DemoCards.PIN.toCharArray();

        process.transmit(pin, 2_000, () -> { });
        assertThat(navigator.current()).isEqualTo(Screen.PROCESSING);
        assertThat(receipts).as("nothing shown before the worker's result arrives").isEmpty();
        runWorker();

        assertThat(receipts).singleElement().extracting(Receipt::amount).isEqualTo(2_000L);
        assertThat(pin).containsOnly('\0');
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).containsExactly(DemoCards.EMONEY_CARD.cardNumber().digits() + ":2000");
    }

    @Test
    void aWrongPinKeepsTheFlowAndTryAgainComesBackToTypeItAgain() {
        kiosk.placeBothCards();
        process.begin();
        AtomicInteger typedAgain = new AtomicInteger();
        process.transmit("9999".toCharArray(), 2_000, typedAgain::incrementAndGet);
        runWorker();

        assertThat(navigator.current()).isEqualTo(Screen.ERROR);
        assertThat(problem().whatArguments()).containsExactly(2);
        assertThat(problem().canRetry()).isTrue();
        problem().retry().run();
        assertThat(navigator.current()).isEqualTo(Screen.PURCHASE);
        assertThat(typedAgain).hasValue(1);

        process.transmit(DemoCards.PIN.toCharArray(), 2_000, typedAgain::incrementAndGet);
        runWorker();
        assertThat(receipts).hasSize(1);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isEqualTo(1);
    }

    @Test
    void aCardMissingAtTransmitEndsTheFlowAndTryAgainStartsWithTheCardsAnew() {
        kiosk.contact.insert(kiosk.creditCard);
        process.begin();
        process.transmit(DemoCards.PIN.toCharArray(), 2_000, () -> { });
        runWorker();

        assertThat(navigator.current()).isEqualTo(Screen.ERROR);
        assertThat(problem().whatKey()).isEqualTo(Keys.errorWhat(FlowError.NO_CARD));
        kiosk.contactless.tap(kiosk.emoneyCard);
        problem().retry().run();
        process.transmit(DemoCards.PIN.toCharArray(), 1_000, () -> { });
        runWorker();
        assertThat(receipts).singleElement().extracting(Receipt::amount).isEqualTo(1_000L);
    }

    @Test
    void fig14aTheFlowAsksForEachCardAsItIsTapped() {
        SimulatedCard contactlessCredit = KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        process.begin();
        process.choose(PaymentVariant.CONTACTLESS_CREDIT_CARD);
        assertThat(process.nextCardProperty().get()).isEqualTo(PurchaseFlow.Card.CREDIT_CARD);

        kiosk.contactless.tap(contactlessCredit);
        assertThat(process.nextCardProperty().get()).as("read on the worker, not yet delivered").isEqualTo(PurchaseFlow.Card.CREDIT_CARD);
        runWorker();
        assertThat(process.nextCardProperty().get()).isEqualTo(PurchaseFlow.Card.EMONEY_CARD);

        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        runWorker();
        assertThat(process.nextCardProperty().get()).isEqualTo(PurchaseFlow.Card.CREDIT_CARD_AGAIN);
        assertThat(process.creditOnPadAgainProperty().get()).as("the e-money card is on the pad, not the credit card").isFalse();

        kiosk.contactless.remove();
        kiosk.contactless.tap(contactlessCredit);
        assertThat(process.creditOnPadAgainProperty().get()).isTrue();
        assertThat(worker).as("nothing read: TRANSMIT checks it is the same card").isEmpty();
        process.transmit(DemoCards.PIN.toCharArray(), 2_000, () -> { });
        runWorker();
        assertThat(receipts).hasSize(1);
        assertThat(kiosk.billed(DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber()))
                .containsExactly(DemoCards.EMONEY_CARD.cardNumber().digits() + ":2000");
    }

    @Test
    void fig14aAnEmoneyCardTappedFirstIsTheWrongCard() {
        process.begin();
        process.choose(PaymentVariant.CONTACTLESS_CREDIT_CARD);
        kiosk.contactless.tap(kiosk.emoneyCard);
        runWorker();

        assertThat(process.wrongCardProperty().get()).isTrue();
        assertThat(process.nextCardProperty().get()).isEqualTo(PurchaseFlow.Card.CREDIT_CARD);
        assertThat(navigator.current()).as("FIG. 9B says so itself").isEqualTo(Screen.PURCHASE);
    }

    @Test
    void aCardReadFinishingAfterThePersonStartedOverIsDropped() {
        process.begin();
        process.choose(PaymentVariant.CONTACTLESS_CREDIT_CARD);
        kiosk.contactless.tap(KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD));
        assertThat(worker).hasSize(1);

        process.choose(PaymentVariant.COMBO_CARD);
        runWorker();
        assertThat(process.nextCardProperty().get()).isEqualTo(PurchaseFlow.Card.CREDIT_CARD);
        assertThat(process.variantProperty().get()).isEqualTo(PaymentVariant.COMBO_CARD);
    }

    @Test
    void theIdleTimeoutClosesTheFlowKeptAfterAWrongPinAndStartsOverWithTheUsualCards() {
        kiosk.placeBothCards();
        process.begin();
        process.choose(PaymentVariant.PHONE);
        process.transmit("9999".toCharArray(), 2_000, () -> { });
        runWorker();
        assertThat(navigator.holdsScreen()).isFalse();

        assertThat(navigator.settleForIdle()).as("the kiosk may go home").isTrue();
        assertThat(process.variantProperty().get()).isEqualTo(PaymentVariant.IC_CREDIT_CARD);
        problem().retry().run(); // what the error screen still holds does not revive the old flow
        process.transmit(DemoCards.PIN.toCharArray(), 1_000, () -> { });
        runWorker();
        assertThat(receipts).singleElement().extracting(Receipt::amount).isEqualTo(1_000L);
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).isEqualTo(1);
    }
}
