package com.valuekiosk.server.emoney;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.server.emoney.internal.PasswordCheck;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.PreparationAck;
import com.valuekiosk.wire.PreparationNotice;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The e-money server over real mutual TLS, on H2 and on PostgreSQL, with the amount changes
 * applied by a real purse applet on jcardsim.
 */
class EmoneyServerTest {

    private static final String PURSE = DemoCards.EMONEY_CARD.cardNumber().digits();
    private static final String PHONE = DemoCards.PHONE_PURSE.cardNumber().digits();

    @TempDir
    Path directory;

    private EmoneyFixture fixture;
    private ApiClient kiosk;
    private SimulatedCard card;
    private PurseApplication purse;

    private void start(Storage storage) throws Exception {
        fixture = new EmoneyFixture(directory, storage);
        kiosk = fixture.terminal(EmoneyFixture.KIOSK);
        card = new SimulatedCardFactory(IssuerMasterKeys.demo()).purseCard(DemoCards.EMONEY_CARD);
        purse = new PurseApplication(card);
        purse.select();
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void preparedValueIsChargedOntoTheCardAndCompletedByItsReceipt(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);

        Availability available = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null)).as(Availability.class);
        assertThat(available.total()).isEqualTo(2_000);
        assertThat(available.maskedCardNumber()).isEqualTo("**** **** **** 0017");

        AmountChangeResponse change = requestChange(UUID.randomUUID(), PURSE, null);
        assertThat(change.amount()).isEqualTo(2_000);
        assertThat(change.sequence()).isZero();
        PurseReceipt receipt = purse.credit(toCard(change, PURSE));
        assertThat(receipt.balanceAfter()).isEqualTo(3_000);

        ApiClient.Response completed = kiosk.post(ApiPaths.COMPLETIONS, completion(change, receipt));
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.as(ChargeStatus.class).state()).isEqualTo(ChargeStatus.State.COMPLETED);
        assertThat(kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null)).as(Availability.class).total()).isZero();
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'COMPLETED'")).isEqualTo(1);
        assertThat(kiosk.post(ApiPaths.AMOUNT_CHANGES, changeRequest(UUID.randomUUID(), PURSE, null)).error().code())
                .isEqualTo(ErrorCode.NOTHING_TO_CHARGE);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void anOpenChargeIsResentUnchangedUntilTheCardAppliesIt(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        UUID requestId = UUID.randomUUID();
        ApiClient.Response first = kiosk.post(ApiPaths.AMOUNT_CHANGES, changeRequest(requestId, PURSE, null));
        ApiClient.Response repeat = kiosk.post(ApiPaths.AMOUNT_CHANGES, changeRequest(requestId, PURSE, null));
        assertThat(repeat.body()).as("same request id").isEqualTo(first.body());

        prepare(PURSE, 500);
        AmountChangeResponse again = requestChange(UUID.randomUUID(), PURSE, null);
        assertThat(again).as("new request, card not changed: the same charge").isEqualTo(first.as(AmountChangeResponse.class));
        assertThat(count("SELECT COUNT(*) FROM charges")).isEqualTo(1);

        purse.credit(toCard(again, PURSE));
        AmountChangeResponse next = requestChange(UUID.randomUUID(), PURSE, null);
        assertThat(next.amount()).as("the first charge settled by the card's sequence, the rest issued").isEqualTo(500);
        assertThat(next.sequence()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'COMPLETED' AND completed_by = 'CARD_STATE'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aLostCreditAnswerIsSettledFromTheCardsStateAndNeverChargedTwice(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        AmountChangeResponse change = requestChange(UUID.randomUUID(), PURSE, null);
        purse.credit(toCard(change, PURSE)); // applied; pretend the answer never reached the kiosk

        ChargeStatus status = kiosk.post(ApiPaths.CHARGE_STATUS,
                new ChargeStatusRequest(UUID.randomUUID(), change.chargeId(), PURSE, cardState())).as(ChargeStatus.class);

        assertThat(status.state()).isEqualTo(ChargeStatus.State.COMPLETED);
        assertThat(kiosk.post(ApiPaths.AMOUNT_CHANGES, changeRequest(UUID.randomUUID(), PURSE, null)).error().code())
                .isEqualTo(ErrorCode.NOTHING_TO_CHARGE);
        assertThat(purse.readCardData().balance()).isEqualTo(3_000);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCreditThatNeverReachedTheCardStaysIssuedAndCanBeWrittenLater(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        AmountChangeResponse change = requestChange(UUID.randomUUID(), PURSE, null);

        ChargeStatus status = kiosk.post(ApiPaths.CHARGE_STATUS,
                new ChargeStatusRequest(UUID.randomUUID(), change.chargeId(), PURSE, cardState())).as(ChargeStatus.class);
        assertThat(status.state()).isEqualTo(ChargeStatus.State.ISSUED);

        PurseReceipt receipt = purse.credit(toCard(change, PURSE));
        ApiClient.Response completed = fixture.terminal(EmoneyFixture.OTHER_KIOSK).post(ApiPaths.COMPLETIONS, completion(change, receipt));
        assertThat(completed.as(ChargeStatus.class).state()).as("completed from another kiosk").isEqualTo(ChargeStatus.State.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aReceiptThatIsNotTheCardsProofIsRefused(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        AmountChangeResponse change = requestChange(UUID.randomUUID(), PURSE, null);
        PurseReceipt receipt = purse.credit(toCard(change, PURSE));
        byte[] forged = receipt.mac();
        forged[0] ^= 1;

        ApiClient.Response refused = kiosk.post(ApiPaths.COMPLETIONS,
                new CompletionRequest(UUID.randomUUID(), change.chargeId(), receipt.balanceAfter(), receipt.nextSequence(), Bytes.hex(forged)));
        ApiClient.Response wrongBalance = kiosk.post(ApiPaths.COMPLETIONS,
                new CompletionRequest(UUID.randomUUID(), change.chargeId(), 9_999, receipt.nextSequence(), Bytes.hex(receipt.mac())));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.RECEIPT_INVALID);
        assertThat(wrongBalance.error().code()).isEqualTo(ErrorCode.RECEIPT_INVALID);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'ISSUED'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCardReportingASequenceBelowAnIssuedChargeIsInconsistent(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        AmountChangeResponse change = requestChange(UUID.randomUUID(), PURSE, null);
        purse.credit(toCard(change, PURSE));
        prepare(PURSE, 100);
        requestChange(UUID.randomUUID(), PURSE, null); // settles the first, issues one at sequence 1

        ApiClient.Response stale = kiosk.post(ApiPaths.AMOUNT_CHANGES,
                new AmountChangeRequest(UUID.randomUUID(), PURSE, null, new CardState(0, 1_000, List.of())));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.error().code()).isEqualTo(ErrorCode.CARD_STATE_INCONSISTENT);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void wrongPasswordsLockTheCardForAWhile(Storage storage) throws Exception {
        start(storage);
        prepare(PHONE, 1_000);
        assertThat(kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, null)).error().code())
                .isEqualTo(ErrorCode.PASSWORD_REQUIRED);
        for (int attempt = 1; attempt < PasswordCheck.ATTEMPTS_BEFORE_LOCK; attempt++) {
            ApiClient.Response wrong = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, "0000"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error().code()).isEqualTo(ErrorCode.PASSWORD_WRONG);
        }
        ApiClient.Response locking = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, "0000"));
        assertThat(locking.status()).isEqualTo(423);
        ApiClient.Response rightButLocked = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, EmoneyUsers.DEMO_PHONE_PASSWORD));
        assertThat(rightButLocked.error().code()).isEqualTo(ErrorCode.PASSWORD_LOCKED);

        fixture.clock.advance(PasswordCheck.LOCK.plusSeconds(1));
        Availability available = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, EmoneyUsers.DEMO_PHONE_PASSWORD))
                .as(Availability.class);
        assertThat(available.total()).isEqualTo(1_000);
        assertThat(count("SELECT COUNT(*) FROM emoney_users WHERE card_number = '" + PHONE + "' AND password_hash LIKE '$argon2id$%'"))
                .as("stored as an Argon2id hash").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void expiredUnclaimedValueIsRefundedToTheBankAccount(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        prepare(PURSE, 300);
        requestChange(UUID.randomUUID(), PURSE, null); // both now CHARGING: out on a card, never refunded
        prepare(PURSE, 700);

        fixture.clock.advance(Duration.ofDays(30).plusSeconds(1));
        int refunded = fixture.server.expiry().expireNow();

        assertThat(refunded).isEqualTo(1);
        assertThat(fixture.server.expiry().expireNow()).as("twice refunds nothing more").isZero();
        assertThat(count("SELECT COUNT(*) FROM refunds WHERE amount = 700 AND bank_account = 'JP-0001-1234567'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'CHARGING'")).isEqualTo(2);
        assertThat(kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null)).as(Availability.class).total())
                .as("only the VALUE out on the card's open charge is still waiting").isEqualTo(2_300);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aNoticeDeliveredTwicePreparesOnce(Storage storage) throws Exception {
        start(storage);
        PreparationNotice notice = new PreparationNotice(UUID.randomUUID(), PURSE, null, 2_000, "JPY", PreparationNotice.Source.PURCHASE);
        ApiClient credit = fixture.creditServer();
        ApiClient.Response first = credit.post(ApiPaths.PREPARATIONS, notice);
        ApiClient.Response second = credit.post(ApiPaths.PREPARATIONS, notice);
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(count("SELECT COUNT(*) FROM preparations")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void theMappingVariantPreparesForTheCardLinkedToTheCreditCard(Storage storage) throws Exception {
        start(storage);
        ApiClient credit = fixture.creditServer();
        PreparationAck ack = credit.post(ApiPaths.PREPARATIONS, new PreparationNotice(UUID.randomUUID(), null,
                DemoCards.COMBO_CREDIT.cardNumber().digits(), 1_500, "JPY", PreparationNotice.Source.PURCHASE)).as(PreparationAck.class);
        assertThat(ack.maskedEmoneyCardNumber()).isEqualTo(DemoCards.COMBO_PURSE.cardNumber().masked());

        ApiClient.Response unmapped = credit.post(ApiPaths.PREPARATIONS, new PreparationNotice(UUID.randomUUID(), null,
                DemoCards.CREDIT_CARD.cardNumber().digits(), 1_500, "JPY", PreparationNotice.Source.PURCHASE));
        assertThat(unmapped.error().code()).isEqualTo(ErrorCode.EMONEY_CARD_NOT_MAPPED);
        assertThat(unmapped.error().message()).doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void onlyTheRightRolesMayCallEachEndpoint(Storage storage) throws Exception {
        start(storage);
        PreparationNotice purchase = new PreparationNotice(UUID.randomUUID(), PURSE, null, 1, "JPY", PreparationNotice.Source.PURCHASE);
        assertThat(kiosk.post(ApiPaths.PREPARATIONS, purchase).error().code()).isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
        assertThat(fixture.pointsSystem().post(ApiPaths.PREPARATIONS, purchase).error().code())
                .as("a points system prepares POINTS only").isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(fixture.creditServer().post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null)).error().code())
                .isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void logsNeverCarryAFullCardNumberOrAPassword(Storage storage) throws Exception {
        start(storage);
        String password = "Secret#Kiosk-5519";
        EmoneyUsers.register(fixture.server.database(), PHONE, "HANAKO SATO", password.toCharArray(), "JP-0001-3456789", null);
        try (com.valuekiosk.server.testing.LogCapture log = new com.valuekiosk.server.testing.LogCapture()) {
            prepare(PHONE, 1_000);
            kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, "wrong-" + password));
            kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, password));
            SimulatedCard phone = new SimulatedCardFactory(IssuerMasterKeys.demo()).phone(DemoCards.PHONE_PURSE);
            PurseApplication phonePurse = new PurseApplication(phone);
            phonePurse.select();
            PurseData data = phonePurse.readCardData();
            ApiClient.Response change = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PHONE, password,
                    new CardState(data.creditSequence(), data.balance(), List.of())));
            AmountChangeResponse issued = change.as(AmountChangeResponse.class);
            kiosk.post(ApiPaths.COMPLETIONS, completion(issued, phonePurse.credit(toCard(issued, PHONE))));
            kiosk.postRaw(ApiPaths.AMOUNT_CHANGES, "{\"cardNumber\":\"" + PHONE + "\",\"password\":\"" + password + "\",\"x\":1}");

            assertThat(log.text()).contains("issued charge");
            for (String secret : List.of(PHONE, PURSE, password)) {
                assertThat(log.unmaskedText()).doesNotContain(secret);
            }
        }
        assertThat(count("SELECT COUNT(*) FROM emoney_users WHERE password_hash LIKE '%" + password + "%'")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void concurrentRequestsForOneCardGetOneChargeBetweenThem(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        CardState state = cardState();
        int kiosks = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(kiosks);
        try {
            List<java.util.concurrent.Future<ApiClient.Response>> answers = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < kiosks; i++) {
                ApiClient client = fixture.terminal(i % 2 == 0 ? EmoneyFixture.KIOSK : EmoneyFixture.OTHER_KIOSK);
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null, state));
                }));
            }
            go.countDown();
            java.util.Set<String> bodies = new java.util.HashSet<>();
            for (var answer : answers) {
                ApiClient.Response response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                bodies.add(response.body());
            }
            assertThat(bodies).as("every kiosk got the same amount change").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM charges")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'CHARGING'")).isEqualTo(1);
    }

    // ---- helpers ----

    private void prepare(String card, long amount) {
        ApiClient.Response response = fixture.pointsSystem().post(ApiPaths.PREPARATIONS,
                new PreparationNotice(UUID.randomUUID(), card, null, amount, "JPY", PreparationNotice.Source.POINTS));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private CardState cardState() throws Exception {
        PurseData data = purse.readCardData();
        List<Long> logged = purse.readLog().stream()
                .filter(entry -> entry.type() == PurseLogEntry.Type.CREDIT).map(PurseLogEntry::transactionId).toList();
        return new CardState(data.creditSequence(), data.balance(), logged);
    }

    private AmountChangeRequest changeRequest(UUID requestId, String card, String password) throws Exception {
        return new AmountChangeRequest(requestId, card, password, cardState());
    }

    private AmountChangeResponse requestChange(UUID requestId, String card, String password) throws Exception {
        ApiClient.Response response = kiosk.post(ApiPaths.AMOUNT_CHANGES, changeRequest(requestId, card, password));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(AmountChangeResponse.class);
    }

    private static AmountChange toCard(AmountChangeResponse change, String card) {
        return new AmountChange(com.valuekiosk.card.host.CardNumber.of(card), change.amount(), change.sequence(),
                change.chargeId(), Bytes.fromHex(change.mac()));
    }

    private static CompletionRequest completion(AmountChangeResponse change, PurseReceipt receipt) {
        return new CompletionRequest(UUID.randomUUID(), change.chargeId(), receipt.balanceAfter(), receipt.nextSequence(),
                Bytes.hex(receipt.mac()));
    }

    private long count(String sql) {
        return fixture.server.database().inTransaction(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
