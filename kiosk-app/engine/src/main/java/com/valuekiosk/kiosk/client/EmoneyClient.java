package com.valuekiosk.kiosk.client;

import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardChallenge;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.TerminalHealthAck;
import com.valuekiosk.wire.TerminalHealthReport;
import java.net.URI;
import java.util.Objects;

/**
 * The kiosk's client of the e-money server: what is waiting for a card, amount change information
 * for it, the card's receipt, and the status of a charge whose outcome the kiosk does not know
 * (FIG. 8, FIG. 10A–10C).
 *
 * <p>Amount change, completion and status carry a request id and are idempotent: on
 * {@code Unknown} repeat them with the same request. Availability has no request id; it is
 * read-only except that a wrong password counts toward the card's lockout, and it is retried on
 * I/O errors and 5xx like the others (a retry after a lost {@code PASSWORD_WRONG} answer can count
 * that password twice). No call is retried after a 4xx. Thread-safe; close it to release its
 * connections and threads.
 */
public final class EmoneyClient implements AutoCloseable {

    private final JsonCalls calls;

    public EmoneyClient(URI baseUrl, KioskTls tls, ClientSettings settings) {
        this(baseUrl, tls, settings, Sleeper.system());
    }

    public EmoneyClient(URI baseUrl, KioskTls tls, ClientSettings settings, Sleeper sleeper) {
        this.calls = new JsonCalls("e-money", baseUrl, tls, settings, sleeper);
    }

    /** What is waiting; {@code Refused} with {@code PASSWORD_REQUIRED}, {@code PASSWORD_WRONG}, {@code PASSWORD_LOCKED}, {@code CARD_UNKNOWN}. */
    public Outcome<Availability> availability(AvailabilityRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.post(ApiPaths.AVAILABILITY, "availability", request, Availability.class, answer -> null);
    }

    /** A fresh challenge for the card's PROVE STATE (the availability answer carries one too); {@code Refused} with {@code CARD_UNKNOWN}. */
    public Outcome<CardChallenge> challenge(ChallengeRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.post(ApiPaths.CHALLENGES, "challenge", request, CardChallenge.class, answer -> null);
    }

    /** Amount change information to write to the card unchanged; {@code Refused} e.g. with {@code NOTHING_TO_CHARGE}. */
    public Outcome<AmountChangeResponse> requestAmountChange(AmountChangeRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.post(ApiPaths.AMOUNT_CHANGES, "request " + request.requestId(), request, AmountChangeResponse.class,
                answer -> null);
    }

    /** The card's receipt for a charge; {@code Refused} e.g. with {@code RECEIPT_INVALID} or {@code CHARGE_UNKNOWN}. */
    public Outcome<ChargeStatus> complete(CompletionRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.post(ApiPaths.COMPLETIONS, "request " + request.requestId(), request, ChargeStatus.class,
                answer -> sameCharge(request.chargeId(), answer));
    }

    /** Settles an issued charge from what the card reports now. */
    public Outcome<ChargeStatus> status(ChargeStatusRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.post(ApiPaths.CHARGE_STATUS, "request " + request.requestId(), request, ChargeStatus.class,
                answer -> sameCharge(request.chargeId(), answer));
    }

    private static String sameCharge(long chargeId, ChargeStatus answer) {
        return answer.chargeId() == chargeId ? null : "the answer is for charge " + answer.chargeId();
    }

    /** Whether the server answers {@code GET /health} now (one try, no retry), for the kiosk's health report. */
    public Reachability health() {
        return calls.health();
    }

    /**
     * Sends how the kiosk stands ({@code POST /v1/terminals/health}); a report replaces the previous one, so
     * repeating it is harmless. {@code Refused} with {@code INVALID_REQUEST} when a field breaks the rules.
     */
    public Outcome<TerminalHealthAck> reportHealth(TerminalHealthReport report) {
        Objects.requireNonNull(report, "report");
        return calls.post(ApiPaths.TERMINAL_HEALTH, "health report", report, TerminalHealthAck.class, answer -> null);
    }

    @Override
    public void close() {
        calls.close();
    }
}
