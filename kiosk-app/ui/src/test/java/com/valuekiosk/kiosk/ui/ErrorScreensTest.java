package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.flow.CardFingerprints;
import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.ServersFixture;
import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link FlowError} reached the way a person (or the world around the kiosk) would: through the real
 * engine, both servers on loopback over mutual TLS, simulated readers and cards. The robot touches the screen;
 * cards move on the FX thread as the card panel moves them; flows run on the FX thread (current-thread
 * executor), so every click has finished its work when the robot returns. Each walk checks the error screen's
 * words against the bundle (English; Japanese for some), its buttons, that no money moved where none may,
 * and one step of what "try again" leads to.
 *
 * <p>Not reached through the flows, by design of the screens, and shown through
 * {@code Problems.show(...)} only in {@link #errorScreensTheFlowsNeverShow_shownDirectlyThroughProblems}:
 * PASSWORD_WRONG (a wrong password is said on the password screen, FIG. 10A; the error screen would need the
 * server to refuse the password of the amount change after accepting it for the availability a moment before)
 * CARD_STILL_ON_READER (FIG. 10A says "take it away and tap again" instead; walked in
 * {@link #cardStillOnTheReader_isSaidOnThePlaceCardScreenNotOnTheErrorScreen}) and INVALID_AMOUNT (the purchase
 * screen does not take a digit past the maximum nor TRANSMIT below the minimum; walked in
 * {@link #anAmountOverTheKiosksMaximumIsRefusedAsItIsTypedAndTheLimitIsSaid}).
 */
class ErrorScreensTest {

    private static final ResourceBundle ENGLISH = Messages.load(Messages.ENGLISH);
    private static final ResourceBundle JAPANESE = Messages.load(Messages.JAPANESE);
    private static final ClientSettings QUICK = ClientSettings.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(8))
            .withRetryBackoff(List.of(Duration.ZERO));

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private KioskRig kiosk;
    private KioskUi ui;
    private KioskScreens screens;
    private final ScreenRobot robot = new ScreenRobot();
    /** A second engine on the rig's readers and servers (only where the kiosk must see a server differently). */
    private KioskEngine otherEngine;
    private CreditCompanyClient otherCredit;
    private EmoneyClient otherEmoney;

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = kioskStage.openRig(directory);
        show(kiosk.engine);
    }

    private void show(KioskEngine engine) throws Exception {
        ui = kioskStage.show(() -> new KioskUi(screens = new KioskScreens(KioskFlows.of(engine), KioskRig.currentThread(),
                kiosk.uiSettings())));
        robot.clickOn("#lang-en");
    }

    /** The stage and the rig are closed by {@link KioskStage}; the second engine, if any, here. */
    @AfterEach
    void close() throws Exception {
        if (otherEngine != null) {
            otherEngine.close();
            otherCredit.close();
            otherEmoney.close();
        }
    }

    // ---------------------------------------------------------------- the cards

    @Test
    void cardNotSupported_aContactlessCreditCardOnTheEmoneyPad() {
        SimulatedCard contactlessCredit = KioskRig.CARDS.contactlessCreditCard(DemoCards.CONTACTLESS_CREDIT_CARD);
        robot.moveCards(() -> {
            kiosk.contact.insert(kiosk.creditCard);
            kiosk.contactless.tap(contactlessCredit);
        });
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.CARD_NOT_SUPPORTED, false);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();
        assertThat(kiosk.billed(DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber())).isEmpty();
        robot.clickOn("#error-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
    }

    @Test
    void cardRemovedTooEarly_theCreditCardPulledOutWhileItAuthorisesAndTryAgainKeepsTheAmount() {
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-3000");
        kiosk.contact.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, SimulatedReader.instruction(CardProtocol.INS_AUTHORIZE_PURCHASE));
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.CARD_REMOVED_TOO_EARLY, true);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();

        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        assertThat(robot.text("#amount-field")).isEqualTo("¥3,000");
        assertThat(kiosk.contact.card()).as("the card left the slot").isEmpty();
        assertThat(robot.lookup("#transmit").queryButton().isDisabled()).as("TRANSMIT waits for the card").isTrue();
        robot.moveCards(() -> kiosk.contact.insert(kiosk.creditCard)); // the person puts it back
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).containsExactly(emoney(DemoCards.EMONEY_CARD) + ":3000");
    }

    @Test
    void noCard_theEmoneyCardTakenAwayOnTheConfirmationAndTryAgainWaitsForIt() throws Exception {
        buyAndAskToChargeUp();
        robot.moveCards(kiosk.contactless::remove);
        robot.clickOn("#confirm-yes");

        assertErrorScreen(FlowError.NO_CARD, true);
        assertNothingChargedAndValueWaiting(2_000);

        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.CHARGE_UP);
        assertThat(robot.text("#chargeup-instruction")).isEqualTo(ENGLISH.getString("chargeUp.placeCard"));
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CONFIRM);
    }

    @Test
    void readerUnavailable_theContactlessReaderUnpluggedOnTheConfirmation() throws Exception {
        buyAndAskToChargeUp();
        robot.moveCards(kiosk.contactless::unplug);
        robot.clickOn("#confirm-yes");

        assertErrorScreen(FlowError.READER_UNAVAILABLE, false);
        assertNothingChargedAndValueWaiting(2_000);
        robot.moveCards(kiosk.contactless::plugIn);
    }

    // ---------------------------------------------------------------- PIN and amount

    @Test
    void wrongPin_saysTheTriesLeftInBothLanguagesAndTryAgainKeepsTheAmount() {
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin("9999");
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.WRONG_PIN, true, 2);
        robot.clickOn("#lang-ja");
        assertErrorScreenIn(JAPANESE, FlowError.WRONG_PIN, 2);
        assertThat(robot.text("#error-retry")).isEqualTo(JAPANESE.getString("common.tryAgain"));
        robot.clickOn("#lang-en");
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();

        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        assertThat(robot.text("#amount-field")).isEqualTo("¥2,000");
        assertThat(robot.text("#pin-field")).isEmpty();
    }

    @Test
    void cardBlocked_theThirdWrongPinBlocksItAndNothingIsBilled() {
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.clickOn("#preset-1000");
        for (int triesLeft = 2; triesLeft > 0; triesLeft--) {
            robot.typePin("0000");
            robot.clickOn("#transmit");
            assertErrorScreen(FlowError.WRONG_PIN, true, triesLeft);
            robot.clickOn("#error-retry");
        }
        robot.typePin("0000");
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.CARD_BLOCKED, false);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();

        // The same card again, even with the right PIN: blocked before anything is sent.
        robot.clickOn("#error-menu");
        var blocked = kiosk.contact.card().orElseThrow();
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.moveCards(() -> kiosk.contact.insert(blocked));
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-1000");
        robot.clickOn("#transmit");
        assertErrorScreen(FlowError.CARD_BLOCKED, false);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();
    }

    @Test
    void anAmountOverTheKiosksMaximumIsRefusedAsItIsTypedAndTheLimitIsSaid() {
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        assertThat(robot.text("#amount-limits")).isEqualTo("Purchase amount (¥100 to ¥50,000)");
        robot.typePin(DemoCards.PIN);
        typeAmount("60000");
        assertThat(robot.text("#amount-field")).as("the fifth digit was not taken").isEqualTo("¥6,000");
        assertThat(robot.text("#transmit-hint")).isEqualTo("The most you can buy here is ¥50,000.");
        robot.clickOn("#key-delete");
        assertThat(robot.text("#transmit-hint")).isEmpty();
        typeAmount("50");
        assertThat(robot.text("#transmit-hint")).isEqualTo("The least you can buy here is ¥100.");
        assertThat(robot.disabled("#transmit")).isTrue();
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).containsExactly(emoney(DemoCards.EMONEY_CARD) + ":2000");
    }

    // ---------------------------------------------------------------- the credit company

    @Test
    void declinedOverQuota_theComboCardsBankBalanceIsTooSmallAndASmallerAmountGoesThrough() {
        SimulatedCard combo = KioskRig.CARDS.comboCard(DemoCards.COMBO_CREDIT, DemoCards.COMBO_PURSE);
        robot.clickOn("#menu-purchase");
        robot.clickOn("#variant-combo");
        robot.moveCards(() -> kiosk.contactless.tap(combo));
        robot.typePin(DemoCards.PIN);
        typeAmount("50000"); // the bank account holds ¥30,000 (CardAccounts.DEMO_BANK_BALANCE)
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.DECLINED_OVER_QUOTA, true);
        robot.clickOn("#lang-ja");
        assertErrorScreenIn(JAPANESE, FlowError.DECLINED_OVER_QUOTA);
        robot.clickOn("#lang-en");
        assertThat(kiosk.billed(DemoCards.COMBO_CREDIT.cardNumber())).as("nothing billed").isEmpty();

        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
        assertThat(robot.text("#amount-field")).isEqualTo("¥50,000");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(kiosk.billed(DemoCards.COMBO_CREDIT.cardNumber())).containsExactly(emoney(DemoCards.COMBO_PURSE) + ":2000");
    }

    @Test
    void declined_theIssuerBlockedTheCreditCardAtTheCreditCompany() {
        CardAccounts.setStatus(kiosk.servers.credit.database(), DemoCards.CREDIT_CARD.cardNumber().digits(),
                CardAccounts.Status.BLOCKED);
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.DECLINED, false);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();
    }

    @Test
    void serverUnreachable_theCreditCompanyCannotBeReachedAndNothingIsBilled() throws Exception {
        show(engineWithCreditCompanyAt(URI.create("https://127.0.0.1:" + ServersFixture.closedPort())));
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.SERVER_UNREACHABLE, false);
        robot.clickOn("#lang-ja");
        assertErrorScreenIn(JAPANESE, FlowError.SERVER_UNREACHABLE);
        robot.clickOn("#lang-en");
        assertThat(kiosk.servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records")).as("no billing row").isZero();
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).isZero();
    }

    // ---------------------------------------------------------------- the e-money server and the card

    @Test
    void serverUnreachable_theEmoneyServerDownAtYesAndTryAgainOnceItIsBackReachesTheConfirmation() throws Exception {
        buyAndAskToChargeUp();
        kiosk.servers.stopEmoney();
        robot.clickOn("#confirm-yes");

        assertErrorScreen(FlowError.SERVER_UNREACHABLE, true);
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).as("the card is untouched").isEqualTo(1_000);

        kiosk.servers.startEmoney();
        robot.clickOn("#error-retry");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CONFIRM);
        assertThat(robot.text("#confirm-available")).isEqualTo("Amount available for charging-up: ¥2,000");
    }

    @Test
    void nothingToCharge_theDemoCardWithNothingBought() throws Exception {
        robot.clickOn("#menu-chargeup");
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));

        assertErrorScreen(FlowError.NOTHING_TO_CHARGE, false);
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).isEqualTo(1_000);
    }

    @Test
    void passwordLocked_theFifthWrongPasswordLocksThePhoneAndTheValueStaysReserved() throws Exception {
        SimulatedCard phone = KioskRig.CARDS.phone(DemoCards.PHONE_PURSE);
        robot.moveCards(() -> {
            kiosk.contact.insert(kiosk.creditCard);
            kiosk.contactless.tap(phone);
        });
        robot.clickOn("#menu-purchase");
        robot.clickOn("#variant-phone");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-1000");
        robot.clickOn("#transmit");
        robot.clickOn("#receipt-chargeup");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CHARGE_UP);

        for (int wrong = 1; wrong < 5; wrong++) {
            typePassword("1111");
            assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CHARGE_UP);
            assertThat(robot.lookup("#password-wrong").query().isVisible())
                    .as("PASSWORD_WRONG is said on the password screen").isTrue();
            assertThat(robot.text("#password-wrong")).isEqualTo(ENGLISH.getString("chargeUp.passwordWrong"));
        }
        typePassword("1111");

        assertErrorScreen(FlowError.PASSWORD_LOCKED, false);
        assertThat(KioskRig.balanceOn(phone)).isEqualTo(5_000);
        assertThat(kiosk.servers.emoneyCount("SELECT COUNT(*) FROM charges")).as("no amount change issued").isZero();
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).containsExactly(emoney(DemoCards.PHONE_PURSE) + ":1000");

        // While the lock lasts the phone is refused as it arrives, before any password is asked.
        robot.clickOn("#error-menu");
        if (kiosk.contact.card().isPresent()) {
            robot.takeCreditCardBack(ui, kiosk.contact);
        }
        robot.clickOn("#menu-chargeup");
        assertErrorScreen(FlowError.PASSWORD_LOCKED, false);
        assertThat(KioskRig.balanceOn(phone)).isEqualTo(5_000);
    }

    @Test
    void emoneyCardUnknown_aPurseTheEmoneyServerDoesNotKnow() throws Exception {
        SimulatedCard stranger = KioskRig.CARDS.purseCard(
                new PurseProfile(CardNumber.of("9999 0100 0000 0041"), DemoCards.YEN, 50_000, 800));
        robot.clickOn("#menu-chargeup");
        robot.moveCards(() -> kiosk.contactless.tap(stranger));

        assertErrorScreen(FlowError.EMONEY_CARD_UNKNOWN, false);
        assertThat(KioskRig.balanceOn(stranger)).isEqualTo(800);
    }

    @Test
    void cardFull_theBalanceWouldExceedTheCardsMaximumAndTheValueStaysReserved() throws Exception {
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        typeAmount("50000"); // the card holds ¥1,000 of at most ¥50,000
        robot.clickOn("#transmit");
        robot.clickOn("#receipt-chargeup");
        assertThat(robot.text("#confirm-available")).isEqualTo("Amount available for charging-up: ¥50,000");
        assertThat(robot.visible("#confirm-over-maximum")).as("said before YES").isTrue();
        assertThat(robot.text("#confirm-over-maximum")).startsWith("That is more than this card may hold (¥50,000).");
        robot.clickOn("#confirm-yes");

        assertErrorScreen(FlowError.CARD_FULL, false);
        robot.clickOn("#lang-ja");
        assertErrorScreenIn(JAPANESE, FlowError.CARD_FULL);
        robot.clickOn("#lang-en");
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).as("balance unchanged").isEqualTo(1_000);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).as("VALUE still waiting").isEqualTo(50_000);
    }

    @Test
    void cardStillOnTheReader_isSaidOnThePlaceCardScreenNotOnTheErrorScreen() throws Exception {
        buyAndAskToChargeUp();
        robot.clickOn("#confirm-yes");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.COMPLETED);
        robot.clickOn("#back-to-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.clickOn("#menu-chargeup");

        assertThat(ui.navigator().current()).isEqualTo(Screen.CHARGE_UP);
        assertThat(robot.text("#chargeup-instruction")).isEqualTo(ENGLISH.getString("chargeUp.removeAndTapAgain"));
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).isEqualTo(3_000);
    }

    @Test
    void internal_theEmoneyServerNoLongerKnowsThisKiosk() throws Exception {
        // The e-money operator took this kiosk off its list of terminals: a refusal no screen words fit but "ask staff".
        deactivateKiosk(kiosk.servers.emoney().database(), kiosk.servers.clock);
        robot.clickOn("#menu-chargeup");
        robot.moveCards(() -> kiosk.contactless.tap(kiosk.emoneyCard));

        assertErrorScreen(FlowError.INTERNAL, false);
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).isEqualTo(1_000);
    }

    @Test
    void internal_theCreditCompanyNoLongerKnowsThisKioskAndThePersonIsNotToldTheirCardWasDeclined() {
        // A kiosk the credit company took off its list: its card is not the problem, so not DECLINED's words.
        deactivateKiosk(kiosk.servers.credit.database(), kiosk.servers.clock);
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");

        assertErrorScreen(FlowError.INTERNAL, false);
        assertThat(kiosk.billed(DemoCards.CREDIT_CARD.cardNumber())).isEmpty();
    }

    /**
     * Not reached through the flows (see the class comment): these screens are shown straight through
     * {@code Problems.show(...)} to check their words and buttons, nothing more.
     */
    @Test
    void errorScreensTheFlowsNeverShow_shownDirectlyThroughProblems() {
        robot.interact(() -> screens.problems().show(FlowFailure.of(FlowError.PASSWORD_WRONG, "shown directly"), screens.chargeUp()::begin));
        assertErrorScreen(FlowError.PASSWORD_WRONG, true);
        robot.interact(() -> screens.problems().show(FlowFailure.of(FlowError.CARD_STILL_ON_READER, "shown directly"), screens.chargeUp()::begin));
        assertErrorScreen(FlowError.CARD_STILL_ON_READER, true);
        // The purchase screen refuses amounts outside the limits as they are typed; the engine still checks.
        robot.interact(() -> screens.problems().show(FlowFailure.of(FlowError.INVALID_AMOUNT, "shown directly"), () -> { }));
        assertErrorScreen(FlowError.INVALID_AMOUNT, true);
    }

    // ---------------------------------------------------------------- helpers

    /** The error screen of {@code error} in English, with "try again" or without, and always "back to menu". */
    private void assertErrorScreen(FlowError error, boolean tryAgain, Object... whatArguments) {
        assertThat(ui.navigator().current()).as("%s expected; shown: %s", error, robot.text("#error-what")).isEqualTo(Screen.ERROR);
        assertErrorScreenIn(ENGLISH, error, whatArguments);
        assertThat(robot.lookup("#error-retry").queryButton().isVisible()).as("try again on %s", error).isEqualTo(tryAgain);
        if (tryAgain) {
            assertThat(robot.text("#error-retry")).isEqualTo(ENGLISH.getString("common.tryAgain"));
        }
        assertThat(robot.lookup("#error-menu").queryButton().isVisible()).isTrue();
        assertThat(robot.text("#error-menu")).isEqualTo(ENGLISH.getString("common.menu"));
    }

    private void assertErrorScreenIn(ResourceBundle language, FlowError error, Object... whatArguments) {
        Locale locale = language.getLocale();
        assertThat(robot.text("#error-what")).isEqualTo(
                new MessageFormat(language.getString("error." + error.name() + ".what"), locale).format(whatArguments));
        assertThat(robot.text("#error-next")).isEqualTo(
                new MessageFormat(language.getString("error." + error.name() + ".next"), locale).format(new Object[0]));
    }

    /** ¥2,000 bought with the demo cards, then "Charge up now": FIG. 10B. */
    private void buyAndAskToChargeUp() {
        robot.moveCards(kiosk::placeBothCards);
        robot.clickOn("#menu-purchase");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        robot.clickOn("#receipt-chargeup");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.CONFIRM);
    }

    private void assertNothingChargedAndValueWaiting(long waiting) throws Exception {
        assertThat(KioskRig.balanceOn(kiosk.emoneyCard)).as("balance unchanged").isEqualTo(1_000);
        assertThat(kiosk.servers.available(DemoCards.EMONEY_CARD.cardNumber())).as("VALUE still waiting").isEqualTo(waiting);
    }

    /** The kiosk as the rig builds it, but its credit company client aimed at {@code creditCompany}. */
    private KioskEngine engineWithCreditCompanyAt(URI creditCompany) throws Exception {
        DevPki pki = EmoneyFixture.sharedPki();
        KioskTls tls = KioskTls.fromFiles(pki.terminalKeyStore(ServersFixture.KIOSK), pki.storePassword(), pki.trustStore());
        otherCredit = new CreditCompanyClient(creditCompany, tls, QUICK);
        otherEmoney = new EmoneyClient(kiosk.servers.emoneyUri(), tls, QUICK);
        Path own = directory.resolve("other-kiosk");
        otherEngine = new KioskEngine(kiosk.contact, kiosk.contactless, otherCredit, otherEmoney,
                FileJournal.open(own.resolve("journal.jsonl"), Clock.systemUTC()), KioskRig.SETTINGS,
                CardFingerprints.openOrCreate(own.resolve("fingerprint.key")));
        return otherEngine;
    }

    /** The server's operator struck this kiosk from its registered terminals (its certificate is still valid). */
    private static void deactivateKiosk(Database server, com.valuekiosk.server.testing.MutableClock serversClock) {
        int changed = server.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE clients SET active = FALSE WHERE role = 'TERMINAL' AND name = ?")) {
                update.setString(1, ServersFixture.KIOSK);
                return update.executeUpdate();
            }
        });
        assertThat(changed).isEqualTo(1);
        // The servers believe a client they found active for a few seconds: past that, the deactivation counts.
        serversClock.advance(com.valuekiosk.server.db.SqlClientRegistry.DEFAULT_TTL.plusSeconds(1));
    }

    private static String emoney(PurseProfile purse) {
        return purse.cardNumber().digits();
    }

    private void typeAmount(String amount) {
        robot.clickOn("#amount-field");
        robot.clickOn("#key-clear");
        for (char digit : amount.toCharArray()) {
            robot.clickOn("#key-" + digit);
        }
    }

    private void typePassword(String password) {
        robot.clickOn("#password-field");
        for (char digit : password.toCharArray()) {
            robot.clickOn("#key-" + digit);
        }
        robot.clickOn("#password-transmit");
    }
}
