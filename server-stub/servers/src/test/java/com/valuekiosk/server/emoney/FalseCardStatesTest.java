package com.valuekiosk.server.emoney;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardChallenge;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.PreparationNotice;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #12: a registered kiosk that sends any sequence of false card states — forged MACs,
 * replayed challenges, over-reported sequences, wrong balances, another card's challenge, genuine
 * but stale proofs it kept back — interleaved with honest charge-ups, partial writes, lost
 * completions and expiry, can neither freeze, lose nor duplicate VALUE. After every step:
 * bought = applied on the card + waiting + refunded, the server's books agree with the card, no
 * charge waits above the card's true sequence, and an honest kiosk can always charge what waits.
 */
class FalseCardStatesTest {

    private static final CardNumber PURSE = DemoCards.EMONEY_CARD.cardNumber();
    private static final String CARD = PURSE.digits();
    private static final String OTHER_CARD = DemoCards.PHONE_PURSE.cardNumber().digits();
    private static final long INITIAL_BALANCE = 1_000;
    private static final int STEPS = 120;

    @TempDir
    Path directory;

    static List<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (Storage storage : Storage.values()) {
            for (long seed : new long[] {12L, 1_234_567L}) {
                runs.add(Arguments.of(storage, seed));
            }
        }
        return runs;
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("runs")
    void falseCardStatesNeitherFreezeNorLoseNorDuplicateValue(Storage storage, long seed) throws Exception {
        try (EmoneyFixture fixture = new EmoneyFixture(directory, storage)) {
            new Run(fixture, new Random(seed), seed).execute();
        }
    }

    private static final class Run {

        private final EmoneyFixture fixture;
        private final Random random;
        private final long seed;
        private final ApiClient honest;
        private final ApiClient attacker;
        private final PurseApplication card;
        private final List<String> trace = new ArrayList<>();
        /** Genuine proofs the attacker collected and kept back, and states already used once. */
        private final List<CardState> keptBack = new ArrayList<>();
        private final List<CardState> used = new ArrayList<>();
        private final List<Long> chargeIds = new ArrayList<>();
        private long bought;
        private int refusedFalseStates;

        Run(EmoneyFixture fixture, Random random, long seed) throws Exception {
            this.fixture = fixture;
            this.random = random;
            this.seed = seed;
            this.honest = fixture.terminal(EmoneyFixture.KIOSK);
            this.attacker = fixture.terminal(EmoneyFixture.OTHER_KIOSK);
            this.card = new PurseApplication(new SimulatedCardFactory(IssuerMasterKeys.demo()).purseCard(DemoCards.EMONEY_CARD));
            card.select();
        }

        void execute() throws Exception {
            for (int step = 0; step < STEPS; step++) {
                int roll = random.nextInt(100);
                if (roll < 15) {
                    prepare();
                } else if (roll < 35) {
                    honestChargeUp(random.nextInt(4) == 0, random.nextInt(5) == 0);
                } else if (roll < 90) {
                    falseState();
                } else if (roll < 95) {
                    keepBackAGenuineProof();
                } else {
                    Duration days = Duration.ofDays(random.nextInt(40));
                    trace.add("advance " + days.toDays() + " days, expire");
                    fixture.clock.advance(days);
                    new PreparationExpiry(fixture.server.database(), fixture.clock).expireNow();
                }
                checkInvariants();
            }
            // Whatever happened, the honest kiosk charges everything that still waits.
            for (int round = 0; round < 4 && hasWork(); round++) {
                honestChargeUp(false, false);
                checkInvariants();
            }
            assertThat(hasWork()).as(describe("the honest card could not be charged")).isFalse();
            assertThat(sum("SELECT COALESCE(SUM(amount), 0) FROM preparations WHERE state = 'CHARGING'"))
                    .as(describe("VALUE left inside charges")).isZero();
            assertThat(applied() + sum("SELECT COALESCE(SUM(amount), 0) FROM refunds")
                    + sum("SELECT COALESCE(SUM(amount), 0) FROM preparations WHERE state = 'AVAILABLE'"))
                    .as(describe("conservation at the end")).isEqualTo(bought);
            assertThat(refusedFalseStates).as("the run tried false states").isGreaterThan(10);
        }

        private void prepare() {
            long amount = 1 + random.nextInt(500);
            ApiClient.Response response = fixture.pointsSystem().post(ApiPaths.PREPARATIONS,
                    new PreparationNotice(UUID.randomUUID(), CARD, null, amount, "JPY", PreparationNotice.Source.POINTS));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            bought += amount;
            trace.add("prepare " + amount);
        }

        /** Availability (with its challenge), PROVE STATE, /v1/charges, CREDIT, completion — as the kiosk does. */
        private void honestChargeUp(boolean cardLeavesBeforeTheWrite, boolean completionLost) throws Exception {
            boolean expectCharge = hasWork();
            Availability availability = honest.post(ApiPaths.AVAILABILITY, new AvailabilityRequest(CARD, null)).as(Availability.class);
            CardState state = prove(availability.challenge());
            ApiClient.Response response = honest.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), CARD, null, state));
            used.add(state);
            trace.add("honest charge-up at " + state.creditSequence() + " -> " + response.status() + " " + response.body());
            if (!expectCharge) {
                assertThat(response.error().code()).as(describe("nothing waits")).isEqualTo(ErrorCode.NOTHING_TO_CHARGE);
                return;
            }
            assertThat(response.status()).as(describe("the honest card must be chargeable")).isEqualTo(200);
            AmountChangeResponse change = response.as(AmountChangeResponse.class);
            chargeIds.add(change.chargeId());
            if (cardLeavesBeforeTheWrite) {
                trace.add("  card left before the write");
                return;
            }
            PurseReceipt receipt = card.credit(new AmountChange(PURSE, change.amount(), change.sequence(), change.chargeId(),
                    Bytes.fromHex(change.mac())));
            if (completionLost) {
                trace.add("  completion lost");
                return;
            }
            ApiClient.Response completed = honest.post(ApiPaths.COMPLETIONS, new CompletionRequest(UUID.randomUUID(), change.chargeId(),
                    receipt.balanceAfter(), receipt.nextSequence(), Bytes.hex(receipt.mac())));
            assertThat(completed.status()).as(describe("completion " + completed.body())).isEqualTo(200);
        }

        /** One false state, sent by the other kiosk to /v1/charges or /v1/charges/status. */
        private void falseState() throws Exception {
            PurseData truth = card.readCardData();
            String challenge = freshChallenge(CARD);
            byte[] genuine = card.proveState(Bytes.fromHex(challenge)).mac();
            CardState state;
            String kind;
            boolean mayBeAccepted = false;
            switch (random.nextInt(7)) {
                case 0 -> {
                    kind = "over-reported sequence";
                    int sequence = Math.min(0xFFFF, truth.creditSequence() + 1 + random.nextInt(random.nextBoolean() ? 3 : 0xFFFF));
                    state = new CardState(sequence, truth.balance(), List.of(), challenge, Bytes.hex(genuine));
                }
                case 1 -> {
                    kind = "under-reported sequence";
                    int sequence = Math.max(0, truth.creditSequence() - 1 - random.nextInt(3));
                    state = new CardState(sequence, truth.balance(), List.of(), challenge, Bytes.hex(genuine));
                    mayBeAccepted = sequence == truth.creditSequence();
                }
                case 2 -> {
                    kind = "wrong balance";
                    long balance = Math.max(0, truth.balance() + random.nextInt(20_001) - 10_000);
                    state = new CardState(truth.creditSequence(), balance, List.of(), challenge, Bytes.hex(genuine));
                    mayBeAccepted = balance == truth.balance();
                }
                case 3 -> {
                    kind = "forged MAC";
                    byte[] forged = new byte[8];
                    random.nextBytes(forged);
                    state = new CardState(random.nextInt(0x10000), random.nextInt(100_000), List.of(), challenge, Bytes.hex(forged));
                }
                case 4 -> {
                    kind = "replayed state";
                    state = used.isEmpty() ? new CardState(truth.creditSequence(), truth.balance(), List.of(), "00000000000000FF",
                            Bytes.hex(genuine)) : used.get(random.nextInt(used.size()));
                }
                case 5 -> {
                    kind = "another card's challenge";
                    String other = freshChallenge(OTHER_CARD);
                    byte[] proof = card.proveState(Bytes.fromHex(other)).mac();
                    state = new CardState(truth.creditSequence(), truth.balance(), List.of(), other, Bytes.hex(proof));
                }
                default -> {
                    kind = "genuine proof kept back";
                    if (keptBack.isEmpty()) {
                        return;
                    }
                    state = keptBack.remove(random.nextInt(keptBack.size()));
                    mayBeAccepted = true;
                }
            }
            ApiClient.Response response;
            if (random.nextBoolean() || chargeIds.isEmpty()) {
                response = attacker.post(ApiPaths.AMOUNT_CHANGES, new AmountChangeRequest(UUID.randomUUID(), CARD, null, state));
            } else {
                long chargeId = chargeIds.get(random.nextInt(chargeIds.size()));
                response = attacker.post(ApiPaths.CHARGE_STATUS, new ChargeStatusRequest(UUID.randomUUID(), chargeId, CARD, state));
            }
            trace.add("false state (" + kind + ") seq " + state.creditSequence() + " balance " + state.balance() + " -> "
                    + response.status() + " " + response.body());
            if (response.status() == 200) {
                used.add(state);
                if (response.body().contains("\"mac\"")) {
                    chargeIds.add(response.as(AmountChangeResponse.class).chargeId());
                }
            }
            if (!mayBeAccepted) {
                assertThat(response.status()).as(describe("a false state was accepted")).isNotEqualTo(200);
                refusedFalseStates++;
            }
        }

        /** The attacker has the card on its reader a moment and keeps a genuine proof for later. */
        private void keepBackAGenuineProof() throws Exception {
            keptBack.add(prove(freshChallenge(CARD)));
            trace.add("genuine proof kept back at " + keptBack.get(keptBack.size() - 1).creditSequence());
        }

        private String freshChallenge(String cardNumber) {
            return attacker.post(ApiPaths.CHALLENGES, new ChallengeRequest(cardNumber)).as(CardChallenge.class).challenge();
        }

        private CardState prove(String challenge) throws Exception {
            PurseStateProof proof = card.proveState(Bytes.fromHex(challenge));
            return new CardState(proof.data().creditSequence(), proof.data().balance(), List.of(), challenge, Bytes.hex(proof.mac()));
        }

        private void checkInvariants() throws Exception {
            PurseData truth = card.readCardData();
            int sequence = truth.creditSequence();
            long applied = truth.balance() - INITIAL_BALANCE;
            long waitingAvailable = sum("SELECT COALESCE(SUM(amount), 0) FROM preparations WHERE state = 'AVAILABLE'");
            long chargingNotApplied = sum("SELECT COALESCE(SUM(p.amount), 0) FROM preparations p JOIN charges c ON c.charge_id = p.charge_id"
                    + " WHERE p.state = 'CHARGING' AND c.state = 'ISSUED' AND c.sequence >= " + sequence);
            long chargingApplied = sum("SELECT COALESCE(SUM(p.amount), 0) FROM preparations p JOIN charges c ON c.charge_id = p.charge_id"
                    + " WHERE p.state = 'CHARGING' AND c.state = 'ISSUED' AND c.sequence < " + sequence);
            long completed = sum("SELECT COALESCE(SUM(amount), 0) FROM preparations WHERE state = 'COMPLETED'");
            long refunded = sum("SELECT COALESCE(SUM(amount), 0) FROM refunds");
            assertThat(applied + waitingAvailable + chargingNotApplied + refunded).as(describe("conservation")).isEqualTo(bought);
            assertThat(completed + chargingApplied).as(describe("the server's books against the card")).isEqualTo(applied);
            assertThat(sum("SELECT COUNT(*) FROM preparations p LEFT JOIN charges c ON c.charge_id = p.charge_id"
                    + " WHERE p.state = 'CHARGING' AND (c.state IS NULL OR c.state <> 'ISSUED')")).as(describe("orphan CHARGING")).isZero();
            assertThat(sum("SELECT COUNT(*) FROM charges WHERE state = 'ISSUED' AND sequence > " + sequence))
                    .as(describe("a charge waits above the card's sequence (frozen)")).isZero();
            Set<Long> logged = new java.util.HashSet<>();
            for (PurseLogEntry entry : card.readLog()) {
                logged.add(entry.transactionId());
            }
            for (long cancelled : ids("SELECT charge_id FROM charges WHERE state = 'CANCELLED'")) {
                assertThat(logged).as(describe("a cancelled charge was applied")).doesNotContain(cancelled);
            }
        }

        /** An honest charge-up has something to do: VALUE available, or a charge at the card's sequence to re-send. */
        private boolean hasWork() throws Exception {
            int sequence = card.readCardData().creditSequence();
            java.time.LocalDateTime now = java.time.LocalDateTime.ofInstant(fixture.clock.instant(), java.time.ZoneOffset.UTC);
            long available = fixture.server.database().inTransaction(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*) FROM preparations WHERE state = 'AVAILABLE' AND expires_at > ?")) {
                    select.setObject(1, now);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        return row.getLong(1);
                    }
                }
            });
            return available > 0 || sum("SELECT COUNT(*) FROM charges WHERE state = 'ISSUED' AND sequence = " + sequence) > 0;
        }

        private long applied() throws Exception {
            return card.readCardData().balance() - INITIAL_BALANCE;
        }

        private long sum(String sql) {
            return fixture.server.database().inTransaction(connection -> {
                try (ResultSet row = connection.createStatement().executeQuery(sql)) {
                    row.next();
                    return row.getLong(1);
                }
            });
        }

        private List<Long> ids(String sql) {
            return fixture.server.database().inTransaction(connection -> {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            });
        }

        private String describe(String what) {
            int from = Math.max(0, trace.size() - 25);
            return what + " (seed " + seed + "), last steps:\n  " + String.join("\n  ", trace.subList(from, trace.size()));
        }

    }
}
