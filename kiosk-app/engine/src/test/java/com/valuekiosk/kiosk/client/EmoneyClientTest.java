package com.valuekiosk.kiosk.client;

import static com.valuekiosk.kiosk.client.TestClients.EMONEY_CARD;
import static com.valuekiosk.kiosk.client.TestClients.SETTINGS;
import static com.valuekiosk.kiosk.client.TestClients.KIOSK;
import static com.valuekiosk.kiosk.client.TestClients.PHONE;
import static com.valuekiosk.kiosk.client.TestClients.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardChallenge;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-money client against the real servers over mutual TLS 1.3. */
class EmoneyClientTest {

    /** PHONE_PASSWORD. */
    private static final String PHONE_PASSWORD = "2468";

    @TempDir
    Path directory;

    private TestServers servers;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private EmoneyClient emoney;

    @BeforeEach
    void start() throws Exception {
        servers = TestServers.start(directory);
        emoney = new EmoneyClient(servers.emoneyUri(), servers.terminalTls(KIOSK), SETTINGS, sleeper);
    }

    @AfterEach
    void stop() throws Exception {
        emoney.close();
        servers.close();
    }

    @Test
    void aWrongPasswordIsRefusedAndCountedOnceBecauseItIsNotRetried() {
        Outcome<Availability> outcome = emoney.availability(new AvailabilityRequest(PHONE, "9999"));

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        Outcome.Refused<Availability> refused = (Outcome.Refused<Availability>) outcome;
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ErrorCode.PASSWORD_WRONG);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(servers.failedPasswordAttempts(PHONE)).isEqualTo(1);
    }

    @Test
    void theRightPasswordShowsWhatIsWaitingAndAMissingOneIsAsked() {
        Outcome<Availability> missing = emoney.availability(new AvailabilityRequest(PHONE, null));
        Outcome<Availability> right = emoney.availability(new AvailabilityRequest(PHONE, PHONE_PASSWORD));

        assertThat(((Outcome.Refused<Availability>) missing).code()).isEqualTo(ErrorCode.PASSWORD_REQUIRED);
        assertThat(right).isInstanceOf(Outcome.Success.class);
        assertThat(((Outcome.Success<Availability>) right).value().total()).isZero();
        assertThat(servers.failedPasswordAttempts(PHONE)).isZero();
    }

    @Test
    void aStoppedEmoneyServerIsUnknownAfterTheConfiguredRetriesQuickly() throws Exception {
        servers.stopEmoney();
        long started = System.nanoTime();

        Outcome<Availability> outcome = emoney.availability(new AvailabilityRequest(EMONEY_CARD, null));

        assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown<Availability>) outcome).reason()).contains("cannot connect").contains("after 3 attempts");
        assertThat(sleeper.waits()).isEqualTo(TestClients.BACKOFF);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aChargeIsIssuedOnceAndSettledFromTheCardsState() {
        try (CreditCompanyClient credit = new CreditCompanyClient(servers.creditUri(), servers.terminalTls(KIOSK),
                SETTINGS, sleeper)) {
            assertThat(credit.purchase(purchase(2_000, 1))).isInstanceOf(Outcome.Success.class);
        }
        CardState card = proven(0, 1_000);
        AmountChangeRequest ask = new AmountChangeRequest(UUID.randomUUID(), EMONEY_CARD, null, card);

        Outcome<AmountChangeResponse> issued = emoney.requestAmountChange(ask);
        Outcome<AmountChangeResponse> repeated = emoney.requestAmountChange(ask);

        assertThat(issued).isInstanceOf(Outcome.Success.class);
        AmountChangeResponse change = ((Outcome.Success<AmountChangeResponse>) issued).value();
        assertThat(change.amount()).isEqualTo(2_000);
        assertThat(change.sequence()).isZero();
        assertThat(change.mac()).hasSize(16);
        assertThat(repeated).isEqualTo(issued);

        // A receipt the card did not make is a definite no.
        Outcome<ChargeStatus> forged = emoney.complete(new CompletionRequest(UUID.randomUUID(), change.chargeId(), 3_000, 1,
                "0000000000000000"));
        assertThat(forged).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<ChargeStatus>) forged).code()).isEqualTo(ErrorCode.RECEIPT_INVALID);
        assertThat(((Outcome.Refused<ChargeStatus>) forged).httpStatus()).isEqualTo(422);

        // The card moved past the charge's sequence number: it was applied.
        Outcome<ChargeStatus> status = emoney.status(new ChargeStatusRequest(UUID.randomUUID(), change.chargeId(), EMONEY_CARD,
                proven(1, 3_000)));
        assertThat(status).isInstanceOf(Outcome.Success.class);
        ChargeStatus settled = ((Outcome.Success<ChargeStatus>) status).value();
        assertThat(settled.chargeId()).isEqualTo(change.chargeId());
        assertThat(settled.state()).isEqualTo(ChargeStatus.State.COMPLETED);
        assertThat(settled.amount()).isEqualTo(2_000);

        Outcome<AmountChangeResponse> nothing = emoney.requestAmountChange(
                new AmountChangeRequest(UUID.randomUUID(), EMONEY_CARD, null, proven(1, 3_000)));
        assertThat(((Outcome.Refused<AmountChangeResponse>) nothing).code()).isEqualTo(ErrorCode.NOTHING_TO_CHARGE);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aChargeTheServerDoesNotKnowIsRefused() {
        Outcome<ChargeStatus> outcome = emoney.status(new ChargeStatusRequest(UUID.randomUUID(), 42, EMONEY_CARD,
                proven(0, 1_000)));

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<ChargeStatus>) outcome).code()).isEqualTo(ErrorCode.CHARGE_UNKNOWN);
    }

    @Test
    void aCardStateWithoutTheCardsProofIsRefused() {
        Outcome<CardChallenge> challenge = emoney.challenge(new ChallengeRequest(EMONEY_CARD));
        assertThat(challenge).isInstanceOf(Outcome.Success.class);
        String fresh = ((Outcome.Success<CardChallenge>) challenge).value().challenge();

        Outcome<AmountChangeResponse> claimed = emoney.requestAmountChange(new AmountChangeRequest(UUID.randomUUID(), EMONEY_CARD, null,
                new CardState(65_535, 1_000, List.of(), fresh, "0000000000000000")));

        assertThat(claimed).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused<AmountChangeResponse>) claimed).code()).isEqualTo(ErrorCode.CARD_PROOF_INVALID);
        assertThat(sleeper.waits()).as("a refusal is not retried").isEmpty();
    }

    /** The state as the demo purse proves it under a fresh challenge (the card's MAC, made here with its key). */
    private CardState proven(int sequence, long balance) {
        Outcome<CardChallenge> outcome = emoney.challenge(new ChallengeRequest(EMONEY_CARD));
        String challenge = ((Outcome.Success<CardChallenge>) outcome).value().challenge();
        CardNumber card = CardNumber.of(EMONEY_CARD);
        byte[] mac = PurseStateProof.sign(IssuerMasterKeys.demo().cardKey(KeyUsage.PURSE_CREDIT, card), card, balance, sequence,
                Bytes.fromHex(challenge));
        return new CardState(sequence, balance, List.of(), challenge, Bytes.hex(mac));
    }
}
