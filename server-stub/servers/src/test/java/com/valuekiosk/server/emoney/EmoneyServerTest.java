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
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.server.emoney.internal.PasswordCheck;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardChallenge;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.PreparationAck;
import com.valuekiosk.wire.PreparationBatch;
import com.valuekiosk.wire.PreparationBatchAnswer;
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

        CompletionRequest completion = completion(change, receipt);
        ApiClient.Response completed = kiosk.post(ApiPaths.COMPLETIONS, completion);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.as(ChargeStatus.class).state()).isEqualTo(ChargeStatus.State.COMPLETED);
        assertThat(kiosk.post(ApiPaths.COMPLETIONS, completion).body()).as("the same completion again").isEqualTo(completed.body());
        assertThat(kiosk.post(ApiPaths.COMPLETIONS, new CompletionRequest(completion.requestId(), change.chargeId(),
                receipt.balanceAfter() + 1, receipt.nextSequence(), completion.receiptMac())).error().code())
                .as("its request id with another body").isEqualTo(ErrorCode.REQUEST_ID_REUSED);
        assertThat(count("SELECT COUNT(*) FROM idempotent_requests")).as("the notice, the change, the completion").isEqualTo(3);
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
        AmountChangeRequest request = changeRequest(UUID.randomUUID(), PURSE, null);
        ApiClient.Response first = kiosk.post(ApiPaths.AMOUNT_CHANGES, request);
        ApiClient.Response repeat = kiosk.post(ApiPaths.AMOUNT_CHANGES, request);
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
    void aMadeUpCardStateIsRefusedAndIssuesNothing(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        String challenge = challenge(PURSE);
        byte[] genuine = purse.proveState(Bytes.fromHex(challenge)).mac();
        byte[] forged = genuine.clone();
        forged[7] ^= 1;

        // The issue's request: sequence 65535, with a MAC the card never made.
        ApiClient.Response overReported = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null,
                new CardState(65_535, 1_000, List.of(), challenge, Bytes.hex(genuine))));
        ApiClient.Response badMac = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null,
                new CardState(0, 1_000, List.of(), challenge, Bytes.hex(forged))));
        ApiClient.Response wrongBalance = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null,
                new CardState(0, 0, List.of(), challenge, Bytes.hex(genuine))));
        ApiClient.Response otherChallenge = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null,
                new CardState(0, 1_000, List.of(), "0000000000000000", Bytes.hex(genuine))));

        for (ApiClient.Response refused : List.of(overReported, badMac, wrongBalance, otherChallenge)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.error().code()).isEqualTo(ErrorCode.CARD_PROOF_INVALID);
        }
        assertThat(count("SELECT COUNT(*) FROM charges")).isZero();
        AmountChangeResponse honest = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null,
                new CardState(0, 1_000, List.of(), challenge, Bytes.hex(genuine)))).as(AmountChangeResponse.class);
        assertThat(honest.sequence()).as("the refusals did not use the challenge").isZero();
        assertThat(honest.amount()).isEqualTo(2_000);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aChallengeIsGoodForOneProofOfItsCardOnlyAndNotForLong(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        CardState state = cardState();
        AmountChangeResponse issued = requestChange(state);

        ApiClient.Response replayed = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null, state));
        assertThat(replayed.error().code()).as("used challenge").isEqualTo(ErrorCode.CARD_PROOF_INVALID);

        String forPhone = challenge(PHONE);
        PurseStateProof proof = purse.proveState(Bytes.fromHex(forPhone));
        ApiClient.Response otherCard = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), issued.chargeId(),
                PURSE, new CardState(0, 1_000, List.of(), forPhone, Bytes.hex(proof.mac()))));
        assertThat(otherCard.error().code()).as("another card's challenge").isEqualTo(ErrorCode.CARD_PROOF_INVALID);

        String late = challenge(PURSE);
        PurseStateProof lateProof = purse.proveState(Bytes.fromHex(late));
        fixture.clock.advance(Duration.ofMinutes(6));
        ApiClient.Response expired = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), issued.chargeId(),
                PURSE, new CardState(0, 1_000, List.of(), late, Bytes.hex(lateProof.mac()))));
        assertThat(expired.error().code()).as("expired challenge").isEqualTo(ErrorCode.CARD_PROOF_INVALID);

        ChargeStatus status = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), issued.chargeId(), PURSE,
                cardState())).as(ChargeStatus.class);
        assertThat(status.state()).isEqualTo(ChargeStatus.State.ISSUED);

        String fresh = challenge(PURSE);
        PurseStateProof freshProof = purse.proveState(Bytes.fromHex(fresh));
        fixture.clock.advance(Duration.ofMinutes(4));
        ChargeStatus stillGood = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), issued.chargeId(),
                PURSE, new CardState(0, 1_000, List.of(), fresh, Bytes.hex(freshProof.mac())))).as(ChargeStatus.class);
        assertThat(stillGood.state()).as("a challenge four minutes old").isEqualTo(ChargeStatus.State.ISSUED);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void everyChallengeOfTheCardIsGoodUntilOneIsUsedAndNoneAfter(Storage storage) throws Exception {
        start(storage);
        List<String> issued = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Both requests that issue one: a challenge alone, and availability with its challenge.
            issued.add(i % 2 == 0 ? challenge(PURSE)
                    : kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null)).as(Availability.class).challenge());
            fixture.clock.advance(Duration.ofSeconds(10));
        }
        assertThat(new java.util.HashSet<>(issued)).as("one per tick of the clock").hasSize(20);
        prepare(PURSE, 2_000);
        AmountChangeResponse change = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE,
                null, proofUnder(issued.get(0)))).as(AmountChangeResponse.class);
        assertThat(change.amount()).as("the oldest, 200 seconds old, proves").isEqualTo(2_000);

        for (String voided : List.of(issued.get(0), issued.get(1), issued.get(19))) {
            ApiClient.Response refused = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(),
                    change.chargeId(), PURSE, proofUnder(voided)));
            assertThat(refused.error().code()).as("voided by the proof used").isEqualTo(ErrorCode.CARD_PROOF_INVALID);
        }
        String next = challenge(PURSE);
        assertThat(issued).as("a new epoch, new challenges").doesNotContain(next);
        CardState underNext = proofUnder(next);
        ChargeStatus status = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), change.chargeId(),
                PURSE, underNext)).as(ChargeStatus.class);
        assertThat(status.state()).isEqualTo(ChargeStatus.State.ISSUED);
        assertThat(kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), change.chargeId(), PURSE,
                underNext)).error().code()).as("used by a request that changed nothing").isEqualTo(ErrorCode.CARD_PROOF_INVALID);

        String beforeCompletion = challenge(PURSE);
        PurseReceipt receipt = purse.credit(toCard(change, PURSE));
        assertThat(kiosk.post(ApiPaths.COMPLETIONS, completion(change, receipt)).status()).isEqualTo(200);
        assertThat(kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), change.chargeId(), PURSE,
                proofUnder(beforeCompletion))).error().code()).as("voided by the completion").isEqualTo(ErrorCode.CARD_PROOF_INVALID);
    }

    /** The purse's proof, at its state now, under {@code challenge}. */
    private CardState proofUnder(String challenge) throws Exception {
        PurseStateProof proof = purse.proveState(Bytes.fromHex(challenge));
        return new CardState(proof.data().creditSequence(), proof.data().balance(), List.of(), challenge, Bytes.hex(proof.mac()));
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aProofMadeBeforeAChargeWasIssuedCannotCancelIt(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        AmountChangeResponse first = requestChange(cardState());
        purse.credit(toCard(first, PURSE));
        prepare(PURSE, 300);
        CardState early = cardState(); // sequence 1, proved before the second charge exists
        CardState current = cardState();
        AmountChangeResponse second = requestChange(current);
        assertThat(second.sequence()).isEqualTo(1);

        ApiClient.Response stale = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), second.chargeId(),
                PURSE, early));

        assertThat(stale.error().code()).as("issuing voided the older challenges").isEqualTo(ErrorCode.CARD_PROOF_INVALID);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'ISSUED'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aChargeIssuedAtAnOverReportedSequenceIsCancelledWhenTheCardProvesItsTrueOneAndItsValueCharged(Storage storage)
            throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        long stuck = insertLegacyCharge(PURSE, 65_535, 2_000);
        ApiClient.Response frozen = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null));
        assertThat(frozen.as(Availability.class).total()).as("shown as waiting").isEqualTo(2_000);

        ChargeStatus status = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), stuck, PURSE, cardState()))
                .as(ChargeStatus.class);
        assertThat(status.state()).isEqualTo(ChargeStatus.State.CANCELLED);

        AmountChangeResponse change = requestChange(cardState());
        assertThat(change.sequence()).isZero();
        assertThat(change.amount()).isEqualTo(2_000);
        PurseReceipt receipt = purse.credit(toCard(change, PURSE));
        assertThat(kiosk.post(ApiPaths.COMPLETIONS, completion(change, receipt)).status()).isEqualTo(200);
        assertThat(receipt.balanceAfter()).isEqualTo(3_000);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'CANCELLED' AND cancelled_by = 'CARD_PROOF'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aChargeMarkedAppliedOnAKiosksWordIsOpenedAgainWhenTheCardProvesItNeverHadIt(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        long lost = insertLegacyCharge(PURSE, 0, 2_000);
        // Before cards proved their state, "the card is at sequence 1" from any kiosk settled it as applied.
        settleLegacyCharge(lost, "state = 'COMPLETED', completed_by = 'CARD_STATE'", "state = 'COMPLETED'");

        AmountChangeResponse again = requestChange(cardState());

        assertThat(again.chargeId()).as("the same charge, re-sent at the card's true sequence").isEqualTo(lost);
        PurseReceipt receipt = purse.credit(toCard(again, PURSE));
        assertThat(receipt.balanceAfter()).isEqualTo(3_000);
        assertThat(kiosk.post(ApiPaths.COMPLETIONS, completion(again, receipt)).as(ChargeStatus.class).state())
                .isEqualTo(ChargeStatus.State.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE completed_by = 'RECEIPT'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aStatusQueryAlsoOpensAgainAChargeMarkedAppliedOnAKiosksWord(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        long lost = insertLegacyCharge(PURSE, 0, 2_000);
        settleLegacyCharge(lost, "state = 'COMPLETED', completed_by = 'CARD_STATE'", "state = 'COMPLETED'");

        ChargeStatus status = kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), lost, PURSE,
                cardState())).as(ChargeStatus.class);

        assertThat(status.state()).as("the card proves sequence 0: it never had the charge").isEqualTo(ChargeStatus.State.ISSUED);
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'CHARGING' AND charge_id = " + lost)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aSequenceNumberThatAlreadyHasASettledChargeGetsNoSecondOne(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        long cancelled = insertLegacyCharge(PURSE, 0, 2_000);
        // From before cards proved their state: cancelled on a kiosk's word, its VALUE offered again.
        settleLegacyCharge(cancelled, "state = 'CANCELLED'", "state = 'AVAILABLE', charge_id = NULL");

        ApiClient.Response refused = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null,
                cardState()));

        assertThat(refused.error().code()).isEqualTo(ErrorCode.CARD_STATE_INCONSISTENT);
        assertThat(refused.error().message()).contains("charge " + cancelled + " at it is CANCELLED");
        assertThat(count("SELECT COUNT(*) FROM charges")).as("no second charge at sequence 0").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'AVAILABLE'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void theOperatorSettlesStuckChargesAndExpiryRefundsTheirValue(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        long stuck = insertLegacyCharge(PURSE, 40, 2_000);
        prepare(PURSE, 700);
        long alsoStuck = insertLegacyCharge(PURSE, 41, 700);
        StuckCharges charges = new StuckCharges(fixture.server.database(), fixture.clock);
        assertThat(charges.open()).extracting(StuckCharges.OpenCharge::stuck).containsExactly(false, false);
        assertThat(charges.settle(false)).as("the card never proved its state: it may still apply them").isEmpty();

        // The card proves sequence 0 (a status query for an unrelated charge id is refused, but the proof is not needed)
        kiosk.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), alsoStuck, PURSE, cardState()));
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'ISSUED'")).as("status cancels only the charge asked about").isEqualTo(1);
        assertThat(charges.open()).singleElement().satisfies(open -> {
            assertThat(open.chargeId()).isEqualTo(stuck);
            assertThat(open.stuck()).isTrue();
            assertThat(open.maskedCard()).isEqualTo("**** **** **** 0017");
        });

        fixture.clock.advance(Duration.ofDays(31));
        assertThat(new PreparationExpiry(fixture.server.database(), fixture.clock).expireNow()).isEqualTo(2);
        assertThat(count("SELECT COALESCE(SUM(amount), 0) FROM refunds")).isEqualTo(2_700);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'CANCELLED' AND cancelled_by = 'EXPIRY'")).isEqualTo(1);
        assertThat(charges.open()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void theOperatorCanRefundAStuckChargeAtOnce(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 2_000);
        long stuck = insertLegacyCharge(PURSE, 9, 2_000);
        provenSequence(PURSE, 3);
        StuckCharges charges = new StuckCharges(fixture.server.database(), fixture.clock);

        assertThat(charges.settle(true)).extracting(StuckCharges.OpenCharge::chargeId).containsExactly(stuck);

        assertThat(count("SELECT COALESCE(SUM(amount), 0) FROM refunds")).isEqualTo(2_000);
        assertThat(count("SELECT COUNT(*) FROM charges WHERE state = 'CANCELLED' AND cancelled_by = 'OPERATOR'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'REFUNDED'")).isEqualTo(1);
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
    void availabilityOfACardWithoutAPasswordWaitsForNoLockOnItsUser(Storage storage) throws Exception {
        start(storage);
        prepare(PURSE, 1_000);
        try (java.sql.Connection other = fixture.server.database().dataSource().getConnection()) {
            // Another transaction has the card's user row locked and holds it while this test asks.
            try (java.sql.PreparedStatement update = other.prepareStatement(
                    "UPDATE emoney_users SET failed_password_attempts = 0 WHERE card_number = ?")) {
                update.setString(1, PURSE);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }

            ApiClient.Response available = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null));

            assertThat(available.status()).as(available.body()).isEqualTo(200);
            assertThat(available.as(Availability.class).total()).isEqualTo(1_000);
            other.rollback();
        }
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

    /**
     * A batch: one request, one transaction, and for each notice what it would have got alone — a
     * repeat its stored answer, a new one its preparation, a decline its error, an id used for
     * another notice 409 — stored so that the same notice sent alone later gets the same answer.
     */
    @ParameterizedTest
    @EnumSource(Storage.class)
    void aBatchDecidesEachNoticeAsItWouldBeDecidedAlone(Storage storage) throws Exception {
        start(storage);
        ApiClient credit = fixture.creditServer();
        PreparationNotice sentBefore = purchaseNotice(UUID.randomUUID(), PURSE, 1_000, "JPY");
        PreparationAck before = credit.post(ApiPaths.PREPARATIONS, sentBefore).as(PreparationAck.class);
        UUID usedId = UUID.randomUUID();
        credit.post(ApiPaths.PREPARATIONS, purchaseNotice(usedId, PURSE, 500, "JPY"));

        PreparationNotice fresh = purchaseNotice(UUID.randomUUID(), PURSE, 2_000, "JPY");
        // The fresh notice first: its work runs before the repeat's rolls the first try back.
        List<PreparationNotice> notices = List.of(
                fresh,
                sentBefore,
                purchaseNotice(UUID.randomUUID(), "9999010000000041", 3_000, "JPY"),
                purchaseNotice(UUID.randomUUID(), PURSE, 4_000, "USD"),
                new PreparationNotice(UUID.randomUUID(), PURSE, null, 5_000, "JPY", PreparationNotice.Source.POINTS),
                purchaseNotice(usedId, PURSE, 6_000, "JPY"));
        ApiClient.Response response;
        String log;
        try (LogCapture logs = new LogCapture()) {
            response = credit.post(ApiPaths.PREPARATION_BATCHES, new PreparationBatch(notices));
            log = logs.text();
        }

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<PreparationBatchAnswer.Result> results = response.as(PreparationBatchAnswer.class).results();
        assertThat(results).extracting(PreparationBatchAnswer.Result::requestId)
                .containsExactlyElementsOf(notices.stream().map(PreparationNotice::requestId).toList());
        assertThat(results).extracting(PreparationBatchAnswer.Result::status).containsExactly(200, 200, 404, 400, 400, 409);
        assertThat(results.subList(2, 6)).extracting(result -> result.error().code()).containsExactly(
                ErrorCode.CARD_UNKNOWN, ErrorCode.CURRENCY_NOT_SUPPORTED, ErrorCode.INVALID_REQUEST, ErrorCode.REQUEST_ID_REUSED);
        assertThat(results.get(1).ack()).as("the stored answer").isEqualTo(before);
        assertThat(results.get(0).ack().amount()).isEqualTo(2_000);
        assertThat(log).as("logged once, after the commit; the repeat not at all")
                .containsOnlyOnce("prepared 2000 JPY").doesNotContain("prepared 1000 JPY");
        assertThat(response.body()).doesNotContain("9999010000000041");
        assertThat(count("SELECT COUNT(*) FROM preparations")).isEqualTo(3);
        assertThat(kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PURSE, null)).as(Availability.class).total())
                .isEqualTo(3_500);

        // Alone, later: the batch's stored answers.
        assertThat(credit.post(ApiPaths.PREPARATIONS, fresh).as(PreparationAck.class)).isEqualTo(results.get(0).ack());
        assertThat(credit.post(ApiPaths.PREPARATIONS, notices.get(3)).error().code()).isEqualTo(ErrorCode.CURRENCY_NOT_SUPPORTED);
        assertThat(count("SELECT COUNT(*) FROM preparations")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aBatchMustCarryDistinctRequestIdsAndOnlyServersMaySendIt(Storage storage) throws Exception {
        start(storage);
        PreparationNotice notice = purchaseNotice(UUID.randomUUID(), PURSE, 1_000, "JPY");
        String twice = "{\"notices\":[" + Json.mapper().writeValueAsString(notice) + ","
                + Json.mapper().writeValueAsString(notice) + "]}";
        ApiClient.Response duplicated = fixture.creditServer().postRaw(ApiPaths.PREPARATION_BATCHES, twice);
        assertThat(duplicated.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(duplicated.error().message()).contains("appears twice in the batch");
        assertThat(fixture.creditServer().postRaw(ApiPaths.PREPARATION_BATCHES, "{\"notices\":[]}").error().code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(kiosk.post(ApiPaths.PREPARATION_BATCHES, new PreparationBatch(List.of(notice))).error().code())
                .isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
    }

    private static PreparationNotice purchaseNotice(UUID requestId, String purse, long amount, String currency) {
        return new PreparationNotice(requestId, purse, null, amount, currency, PreparationNotice.Source.PURCHASE);
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
            String challenge = kiosk.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(PHONE, password)).as(Availability.class).challenge();
            SimulatedCard phone = new SimulatedCardFactory(IssuerMasterKeys.demo()).phone(DemoCards.PHONE_PURSE);
            PurseApplication phonePurse = new PurseApplication(phone);
            phonePurse.select();
            PurseStateProof proof = phonePurse.proveState(Bytes.fromHex(challenge));
            PurseData data = proof.data();
            ApiClient.Response change = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PHONE, password,
                    new CardState(data.creditSequence(), data.balance(), List.of(), challenge, Bytes.hex(proof.mac()))));
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
        int kiosks = 8;
        List<CardState> states = new java.util.ArrayList<>();
        for (int i = 0; i < kiosks; i++) {
            states.add(cardState()); // each kiosk with its own challenge and the card's proof of sequence 0
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(kiosks);
        List<ApiClient.Response> responses = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<ApiClient.Response>> answers = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < kiosks; i++) {
                ApiClient client = fixture.terminal(i % 2 == 0 ? EmoneyFixture.KIOSK : EmoneyFixture.OTHER_KIOSK);
                CardState state = states.get(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null, state));
                }));
            }
            go.countDown();
            for (var answer : answers) {
                responses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        // The first to get the card's row lock issues the charge, which voids the other proofs' challenges.
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertThat(r.error().code()).isEqualTo(ErrorCode.CARD_PROOF_INVALID));
        assertThat(count("SELECT COUNT(*) FROM charges")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM preparations WHERE state = 'CHARGING'")).isEqualTo(1);
        AmountChangeResponse again = requestChange(cardState());
        assertThat(again).as("a new proof gets the same charge").isEqualTo(
                responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().as(AmountChangeResponse.class));
    }

    // ---- helpers ----

    private void prepare(String card, long amount) {
        ApiClient.Response response = fixture.pointsSystem().post(ApiPaths.PREPARATIONS,
                new PreparationNotice(UUID.randomUUID(), card, null, amount, "JPY", PreparationNotice.Source.POINTS));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** The card's state as PROVE STATE proves it, under a fresh challenge. */
    private CardState cardState() throws Exception {
        String challenge = challenge(PURSE);
        PurseStateProof proof = purse.proveState(Bytes.fromHex(challenge));
        List<Long> logged = purse.readLog().stream()
                .filter(entry -> entry.type() == PurseLogEntry.Type.CREDIT).map(PurseLogEntry::transactionId).toList();
        return new CardState(proof.data().creditSequence(), proof.data().balance(), logged, challenge, Bytes.hex(proof.mac()));
    }

    private String challenge(String card) {
        ApiClient.Response response = kiosk.post(ApiPaths.CHALLENGES, new ChallengeRequest(card));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(CardChallenge.class).challenge();
    }

    private AmountChangeResponse requestChange(CardState state) {
        ApiClient.Response response = kiosk.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), PURSE, null, state));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(AmountChangeResponse.class);
    }

    /**
     * A charge as the server issued them before cards proved their state: at whatever sequence a
     * terminal claimed, holding every AVAILABLE preparation of the card.
     */
    /** Settles a legacy charge as a kiosk's word once did: {@code chargeSet} on the charge, {@code preparationSet} on its VALUE. */
    private void settleLegacyCharge(long chargeId, String chargeSet, String preparationSet) {
        fixture.server.database().inTransaction(connection -> {
            connection.createStatement().executeUpdate("UPDATE charges SET " + chargeSet + " WHERE charge_id = " + chargeId);
            return connection.createStatement().executeUpdate(
                    "UPDATE preparations SET " + preparationSet + " WHERE charge_id = " + chargeId);
        });
    }

    private long insertLegacyCharge(String card, int sequence, long amount) {
        long chargeId = 1_000_000L + sequence;
        fixture.server.database().inTransaction(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO charges (charge_id, card_number, sequence, amount, currency, mac,"
                    + " state, terminal_id, issued_at) VALUES (?, ?, ?, ?, 'JPY', ?, 'ISSUED', 'KIOSK001', ?)")) {
                com.valuekiosk.card.host.CardNumber number = com.valuekiosk.card.host.CardNumber.of(card);
                byte[] key = IssuerMasterKeys.demo().cardKey(com.valuekiosk.card.host.KeyUsage.PURSE_CREDIT, number);
                insert.setLong(1, chargeId);
                insert.setString(2, card);
                insert.setInt(3, sequence);
                insert.setLong(4, amount);
                insert.setString(5, Bytes.hex(AmountChange.issue(key, number, amount, sequence, chargeId).mac()));
                insert.setObject(6, java.time.LocalDateTime.ofInstant(fixture.clock.instant(), java.time.ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (var update = connection.prepareStatement("UPDATE preparations SET state = 'CHARGING', charge_id = ?"
                    + " WHERE card_number = ? AND state = 'AVAILABLE'")) {
                update.setLong(1, chargeId);
                update.setString(2, card);
                update.executeUpdate();
            }
            return null;
        });
        return chargeId;
    }

    private void provenSequence(String card, int sequence) {
        fixture.server.database().inTransaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE emoney_users SET proven_sequence = ? WHERE card_number = ?")) {
                update.setInt(1, sequence);
                update.setString(2, card);
                return update.executeUpdate();
            }
        });
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
