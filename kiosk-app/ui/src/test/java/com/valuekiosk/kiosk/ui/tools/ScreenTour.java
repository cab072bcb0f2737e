package com.valuekiosk.kiosk.ui.tools;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.DiagnosticsSettings;
import com.valuekiosk.kiosk.diagnostics.atr.KnownAtrs;
import com.valuekiosk.kiosk.simulated.SimulatedPcsc;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsView;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsViewModel;
import com.valuekiosk.kiosk.ui.purchase.PaymentVariant;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import com.valuekiosk.kiosk.ui.shell.AttendantView;
import com.valuekiosk.kiosk.ui.shell.AttendantViewModel;
import com.valuekiosk.kiosk.ui.shell.IdleTimeout;
import com.valuekiosk.kiosk.ui.shell.KeyboardTarget;
import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.emoney.EmoneyUsers;
import com.valuekiosk.server.testing.MutableClock;
import com.valuekiosk.server.testing.ServersFixture;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * A walk through every screen of the kiosk, reaching each the way a person would — on the real engine with
 * simulated cards and both servers on loopback — and stopping at each named sight: the screenshot renderer
 * writes a picture there, the layout test checks what a person would see. FX thread only, on a rig whose
 * work runs on the current thread.
 */
public final class ScreenTour {

    /** What is done at each sight of the tour. */
    public interface Stop {
        void at(String name, Scene scene, KioskUi ui) throws Exception;
    }

    /** How many sights the tour stops at, each in a shoot(...) below: a walk cut short fails the tests that count. */
    public static final int SIGHTS = 41;

    private final KioskRig kiosk;
    private final double width;
    private final double height;
    private final Stop stop;
    private KioskScreens screens;
    private KioskUi ui;
    private Scene scene;

    public ScreenTour(KioskRig kiosk, double width, double height, Stop stop) {
        this.kiosk = kiosk;
        this.width = width;
        this.height = height;
        this.stop = stop;
    }

    /** Walks every screen on the FX thread, calling the stop at each; the kiosk's scene is width × height. */
    public void run() throws Exception {
        screens = new KioskScreens(KioskFlows.of(kiosk.engine), KioskRig.currentThread(),
                kiosk.uiSettings().withMotion(false)); // still pictograms: the same pictures every time
        ui = new KioskUi(screens);
        scene = ui.scene(width, height);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();

        shoot("menu");

        screens.progress().show(Keys.PROCESSING_CONTACTING_CREDIT);
        ui.navigator().navigate(Screen.PROCESSING);
        shoot("processing");

        // FIG. 9B before the cards are in: each card says what to do, TRANSMIT what it waits for.
        screens.menu().purchase();
        shoot("purchase_cards_missing");

        // FIG. 9B with a wrong PIN first: the error screen with the tries left, then "try again".
        // This method runs on the FX thread, so the cards' events reach the screens at once.
        kiosk.placeBothCards();
        type("9999");
        screens.purchase().choosePreset(2_000);
        screens.purchase().transmit();
        expect(Screen.ERROR);
        shoot("error_wrong_pin");
        screens.errors().tryAgain();
        type(DemoCards.PIN);
        shoot("purchase");

        screens.purchase().transmit();
        expect(Screen.RECEIPT);
        shoot("receipt");

        screens.receipt().chargeUpNow();
        expect(Screen.CONFIRM);
        shoot("confirm");
        screens.chargeUp().confirm(true);
        expect(Screen.COMPLETED);
        shoot("completed");

        // Back to the menu with the credit card still in the slot: it is asked for first.
        ui.navigator().navigate(Screen.MENU);
        expect(Screen.TAKE_CARD);
        shoot("take_card");
        kiosk.contact.remove();
        expect(Screen.MENU);
        kiosk.contact.insert(kiosk.creditCard);

        screens.menu().balanceInquiry();
        expect(Screen.BALANCE);
        shoot("balance");

        // The charged card is still on the reader: FIG. 10A asks to take it away and tap it again.
        screens.menu().chargeUp();
        expect(Screen.CHARGE_UP);
        shoot("chargeup_remove_and_tap_again");
        kiosk.contactless.remove();
        screens.menu().chargeUp();
        expect(Screen.CHARGE_UP);
        shoot("chargeup_place_card");
        screens.menu().balanceInquiry();
        expect(Screen.BALANCE);
        shoot("balance_place_card");

        // FIG. 14C: a phone with a password (FIG. 10A with the password field), then NO on FIG. 10B.
        SimulatedCard phone = KioskRig.CARDS.phone(DemoCards.PHONE_PURSE);
        ui.navigator().navigate(Screen.MENU);
        kiosk.contactless.tap(phone);
        screens.menu().purchase();
        screens.purchase().choose(PaymentVariant.PHONE);
        type(DemoCards.PIN);
        screens.purchase().choosePreset(1_000);
        shoot("purchase_14c_phone");
        screens.purchase().transmit();
        expect(Screen.RECEIPT);
        screens.receipt().chargeUpNow();
        expect(Screen.CHARGE_UP);
        for (char digit : "1111".toCharArray()) {
            chargeUpScreenType(digit);
        }
        chargeUpScreenTransmit();
        expect(Screen.CHARGE_UP);
        for (char digit : EmoneyUsers.DEMO_PHONE_PASSWORD.toCharArray()) {
            chargeUpScreenType(digit);
        }
        shoot("chargeup_password");
        chargeUpScreenTransmit();
        expect(Screen.CONFIRM);
        screens.chargeUp().confirm(false);
        expect(Screen.KEPT_FOR_LATER);
        shoot("kept_for_later");

        // The e-money card pulled away during the write (as the card panel does it), then placed again.
        ui.navigator().navigate(Screen.MENU);
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        screens.menu().purchase();
        type(DemoCards.PIN);
        screens.purchase().choosePreset(1_000);
        screens.purchase().transmit();
        expect(Screen.RECEIPT);
        kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_CREDIT));
        screens.receipt().chargeUpNow();
        expect(Screen.CONFIRM);
        screens.chargeUp().confirm(true);
        expect(Screen.ERROR);
        shoot("error_card_removed_during_write");
        kiosk.contactless.tap(kiosk.emoneyCard); // placed again: the write goes on by itself
        expect(Screen.COMPLETED);

        // FIG. 14A: the contactless credit card, then the e-money card, then the credit card again.
        ui.navigator().navigate(Screen.MENU);
        kiosk.contact.remove();
        kiosk.contactless.remove();
        SimulatedCard contactlessCredit = KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        screens.menu().purchase();
        screens.purchase().choose(PaymentVariant.CONTACTLESS_CREDIT_CARD);
        shoot("purchase_14a_credit");
        kiosk.contactless.tap(contactlessCredit);
        shoot("purchase_14a_emoney");
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        type(DemoCards.PIN);
        screens.purchase().choosePreset(2_000);
        shoot("purchase_14a_credit_again");

        // FIG. 14B: one combo card on the contactless reader.
        kiosk.contactless.remove();
        screens.purchase().choose(PaymentVariant.COMBO_CARD);
        kiosk.contactless.tap(KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE));
        shoot("purchase_14b_combo");
        ui.navigator().navigate(Screen.MENU);
        kiosk.contactless.remove();

        // The high-contrast theme (header switch), on the menu and the purchase screen.
        ui.highContrastProperty().set(true);
        shoot("menu_high_contrast");
        screens.menu().purchase();
        shoot("purchase_high_contrast");
        ui.highContrastProperty().set(false);

        // The idle timeout's warning over a half-typed purchase; the clock is moved by hand, so no waiting.
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        IdleTimeout idle = new IdleTimeout(ui, UiSettings.DEFAULT_IDLE_TIMEOUT, IdleTimeout.WARNING, clock);
        idle.install(ui, scene);
        type("12");
        clock.advance(UiSettings.DEFAULT_IDLE_TIMEOUT.plusSeconds(5));
        idle.tick();
        shoot("idle_warning");
        idle.stillHere();

        // The attendant screen of kiosk mode (opened by holding the header title), two digits typed.
        AttendantViewModel attendant = new AttendantViewModel(AttendantCode.of(AttendantCode.hash("2468".toCharArray())),
                KioskRig.currentThread(), () -> { });
        AttendantView attendantView = new AttendantView(attendant, ui.messages());
        attendant.open();
        ui.showOverlay(attendantView.root(), KeyboardTarget.NONE);
        attendant.type('1');
        attendant.type('3');
        shoot("attendant");
        attendant.back();
        ui.hideOverlay(attendantView.root());

        // The attendant's diagnostics after a run: both demo cards on the simulated readers (through
        // javax.smartcardio, as PC/SC shows them), no servers configured; the worst result's details shown.
        kiosk.placeBothCards();
        try (Diagnostics diagnostics = new Diagnostics(DiagnosticsSettings.readersOnly(
                new SimulatedPcsc(List.of(kiosk.contact, kiosk.contactless))).withKnownAtrs(KnownAtrs.none()))) {
            DiagnosticsViewModel model = new DiagnosticsViewModel(diagnostics, KioskRig.currentThread(),
                    kiosk.uiSettings().receiptDirectory(), java.time.Clock.systemUTC());
            DiagnosticsView diagnosticsView = new DiagnosticsView(model, ui.messages());
            model.open();
            ui.showOverlay(diagnosticsView.root(), KeyboardTarget.NONE);
            model.runAll();
            shoot("diagnostics");
            ui.highContrastProperty().set(true);
            shoot("diagnostics_high_contrast");
            ui.highContrastProperty().set(false);
            ui.hideOverlay(diagnosticsView.root());
        }
        kiosk.contact.remove();
        kiosk.contactless.remove();
        ui.navigator().navigate(Screen.MENU);

        renderErrorScreens();
    }

    /**
     * The error screens, each reached through the real flows as in ErrorScreensTest (readers empty before and
     * after). PASSWORD_WRONG and CARD_STILL_ON_READER are not here: FIG. 10A says them (chargeup_password,
     * chargeup_remove_and_tap_again), the error screen never does.
     */
    private void renderErrorScreens() throws Exception {
        // FIG. 10A reads each card on its arrival: nothing waiting, a card the e-money server does not know,
        // and a kiosk the e-money server no longer knows (INTERNAL: "ask staff").
        screens.menu().chargeUp();
        kiosk.contactless.tap(kiosk.emoneyCard);
        expect(Screen.ERROR);
        shoot("error_nothing_to_charge");
        kiosk.contactless.remove();
        screens.menu().chargeUp();
        kiosk.contactless.tap(KioskRig.CARDS.purseCard(new PurseProfile(CardNumber.of("9999 0100 0000 0041"), DemoCards.YEN,
                50_000, 800)));
        expect(Screen.ERROR);
        shoot("error_emoney_card_unknown");
        kiosk.contactless.remove();
        setKioskActive(kiosk.servers.emoney().database(), false);
        // The server believes a client it found active for a few seconds: past that, the deactivation counts (without
        // this the picture showed "nothing to charge" whenever the kiosk had asked within those seconds).
        kiosk.servers.clock.advance(com.valuekiosk.server.db.SqlClientRegistry.DEFAULT_TTL.plusSeconds(1));
        screens.menu().chargeUp();
        kiosk.contactless.tap(kiosk.emoneyCard);
        expect(Screen.ERROR);
        shoot("error_internal");
        setKioskActive(kiosk.servers.emoney().database(), true);
        kiosk.contactless.remove();

        // FIG. 9B: a contactless credit card on the e-money pad; an amount over the kiosk's maximum; the credit
        // card pulled out while it authorises; the card blocked at the credit company; its PIN blocked.
        kiosk.contact.insert(kiosk.creditCard);
        kiosk.contactless.tap(KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD));
        purchaseWith(DemoCards.PIN, "2000");
        shoot("error_card_not_supported");
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        screens.menu().purchase();
        type(DemoCards.PIN);
        typeAmount("60000");
        expect(Screen.PURCHASE);
        shoot("purchase_amount_over_maximum"); // the fifth digit refused, the maximum said; nothing bought
        ui.navigator().navigate(Screen.MENU);
        kiosk.contact.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_AUTHORIZE_PURCHASE));
        purchaseWith(DemoCards.PIN, "2000");
        shoot("error_card_removed_too_early");
        kiosk.contact.insert(kiosk.creditCard); // it left the slot at AUTHORIZE: put back
        String creditCard = DemoCards.CREDIT_CARD.cardNumber().digits();
        CardAccounts.setStatus(kiosk.servers.credit.database(), creditCard, CardAccounts.Status.BLOCKED);
        purchaseWith(DemoCards.PIN, "2000");
        shoot("error_declined");
        CardAccounts.setStatus(kiosk.servers.credit.database(), creditCard, CardAccounts.Status.ACTIVE);
        kiosk.contact.remove();
        kiosk.contact.insert(KioskRig.CARDS.creditCard(DemoCards.CREDIT_CARD)); // another card of the account: its own PIN tries
        purchaseWith("0000", "1000");
        screens.errors().tryAgain();
        type("0000");
        screens.purchase().transmit();
        screens.errors().tryAgain();
        type("0000");
        screens.purchase().transmit();
        expect(Screen.ERROR);
        shoot("error_card_blocked");
        kiosk.contact.remove();

        // FIG. 14B: the combo card's bank account holds less than the amount.
        kiosk.contactless.remove();
        screens.menu().purchase();
        screens.purchase().choose(PaymentVariant.COMBO_CARD);
        kiosk.contactless.tap(KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE));
        type(DemoCards.PIN);
        typeAmount("50000");
        screens.purchase().transmit();
        expect(Screen.ERROR);
        shoot("error_declined_over_quota");
        kiosk.contactless.remove();

        // FIG. 10B with ¥2,000 waiting: the card taken away, the reader unplugged, the e-money server down.
        kiosk.contact.insert(kiosk.creditCard);
        kiosk.contactless.tap(kiosk.emoneyCard);
        purchaseWith(DemoCards.PIN, "2000");
        expect(Screen.RECEIPT);
        screens.receipt().chargeUpNow();
        expect(Screen.CONFIRM);
        kiosk.contactless.remove();
        screens.chargeUp().confirm(true);
        expect(Screen.ERROR);
        shoot("error_no_card");
        kiosk.contactless.tap(kiosk.emoneyCard);
        screens.errors().tryAgain();
        expect(Screen.CONFIRM);
        kiosk.contactless.unplug();
        screens.chargeUp().confirm(true);
        expect(Screen.ERROR);
        shoot("error_reader_unavailable");
        kiosk.contactless.plugIn();
        screens.menu().chargeUp();
        expect(Screen.CONFIRM);
        kiosk.servers.stopEmoney();
        screens.chargeUp().confirm(true);
        expect(Screen.ERROR);
        shoot("error_server_unreachable");
        kiosk.servers.startEmoney();
        screens.errors().tryAgain();
        expect(Screen.CONFIRM);
        screens.chargeUp().confirm(true);
        expect(Screen.COMPLETED);

        // ¥50,000 more than the card can hold (its maximum is ¥50,000).
        kiosk.contactless.remove();
        kiosk.contactless.tap(kiosk.emoneyCard);
        purchaseWith(DemoCards.PIN, "50000");
        expect(Screen.RECEIPT);
        screens.receipt().chargeUpNow();
        expect(Screen.CONFIRM);
        screens.chargeUp().confirm(true);
        expect(Screen.ERROR);
        shoot("error_card_full");
        kiosk.contact.remove();
        kiosk.contactless.remove();

        // The phone's password wrong five times: locked for a while (its ¥1,000 was kept for later above).
        screens.menu().chargeUp();
        kiosk.contactless.tap(KioskRig.CARDS.phone(DemoCards.PHONE_PURSE));
        for (int wrong = 0; wrong < 5; wrong++) {
            expect(Screen.CHARGE_UP);
            for (char digit : "1111".toCharArray()) {
                chargeUpScreenType(digit);
            }
            chargeUpScreenTransmit();
        }
        expect(Screen.ERROR);
        shoot("error_password_locked");
        kiosk.contactless.remove();
        ui.navigator().navigate(Screen.MENU);
    }

    /** From the menu: FIG. 9B with the cards as they are, {@code pin} and {@code amount} typed, TRANSMIT. */
    private void purchaseWith(String pin, String amount) {
        screens.menu().purchase();
        type(pin);
        typeAmount(amount);
        screens.purchase().transmit();
    }

    private void typeAmount(String digits) {
        screens.purchase().select(com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel.Field.AMOUNT);
        screens.purchase().clear();
        for (char digit : digits.toCharArray()) {
            screens.purchase().type(digit);
        }
    }

    /** The server's operator takes this kiosk off its registered terminals, or puts it back. */
    private static void setKioskActive(Database server, boolean active) {
        server.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE clients SET active = ? WHERE role = 'TERMINAL' AND name = ?")) {
                update.setBoolean(1, active);
                update.setString(2, ServersFixture.KIOSK);
                return update.executeUpdate();
            }
        });
    }

    /** The password keypad of FIG. 10A, touched as a person would: through the view's buttons. */
    private void chargeUpScreenType(char digit) {
        ((javafx.scene.control.Button) scene.lookup("#key-" + digit)).fire();
    }

    private void chargeUpScreenTransmit() {
        ((javafx.scene.control.Button) scene.lookup("#password-transmit")).fire();
    }

    private void type(String digits) {
        screens.purchase().select(com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel.Field.PIN);
        for (char digit : digits.toCharArray()) {
            screens.purchase().type(digit);
        }
    }

    private void expect(Screen screen) {
        if (ui.navigator().current() != screen) {
            throw new IllegalStateException("expected " + screen + " but the kiosk shows " + ui.navigator().current()
                    + " (" + screens.errors().problemProperty().get().whatKey() + ")");
        }
    }

    private void shoot(String name) throws Exception {
        stop.at(name, scene, ui);
    }
}
