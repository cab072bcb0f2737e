package com.valuekiosk.server.credit;

import com.valuekiosk.server.credit.http.PreparationsClient;
import com.valuekiosk.server.credit.internal.BillingReversal;
import com.valuekiosk.server.credit.internal.NotificationOutbox;
import com.valuekiosk.server.db.Database;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery of each purchase's notice to the e-money server (R-SV4), from the outbox the purchase
 * wrote it to ({@link NotificationOutbox}). A notice is delivered at least once and applied exactly
 * once, because the e-money server prepares once per request id and the notice's request id is the
 * purchase id.
 *
 * <p>One attempt: claim the row ({@link NotificationOutbox#claim}, the prepare phase), send it
 * ({@link PreparationsClient}), settle the row ({@link NotificationOutbox#settle}, the commit
 * phase). A notice the e-money server refuses for good becomes FAILED and, in the same
 * transaction, the purchase is reversed ({@link BillingReversal}), logged at WARN: the card holder
 * gets the money back. Anything else is retried after 1 s, 2 s, 4 s … up to {@link #MAX_BACKOFF}.
 * Every step tolerates a second attempt on the same purchase, here or on another server instance.
 *
 * <p>A purchase's own notice is written already claimed for its first attempt (the purchase's
 * transaction does the claim, see {@link #firstAttemptLease}), and that attempt runs on the
 * {@code delivery} executor right after the commit ({@link #deliverFresh}): the purchase answers
 * without waiting for the e-money server. If this instance dies before the attempt, the row falls
 * due when the lease ends and the background job delivers it.
 *
 * <p>A run of {@link #deliverDue()} stops at the first notice that gets no answer at all: the
 * e-money server is down, and the other notices stay due for the next run instead of each waiting
 * for its own timeout.
 */
public final class EmoneyNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmoneyNotifier.class);

    /** The longest wait between two attempts of one notice. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** How long the purchase request waits for its notice to get through before it answers PENDING. */
    public static final Duration IMMEDIATE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a background attempt waits. */
    public static final Duration BACKGROUND_TIMEOUT = Duration.ofSeconds(10);

    private static final int BATCH = 100;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(1);
    /** Bounds one run; what is left is for the next run. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    /** The state of one notice. */
    public enum State { PENDING, DELIVERED, FAILED }

    /** What one {@link #deliverDue()} run did. */
    public record Run(int attempted, int delivered, int failed, int retrying) {
    }

    private final NotificationOutbox outbox;
    private final PreparationsClient emoney;
    private final Clock clock;
    private final Executor delivery;

    /** Attempts of {@link #deliverFresh} and {@link #deliverNow} run in the calling thread. */
    public EmoneyNotifier(Database database, URI emoneyServer, SSLContext tls, Clock clock) {
        this(database, emoneyServer, tls, clock, Runnable::run);
    }

    /**
     * {@code delivery} runs the attempts of {@link #deliverFresh} and {@link #deliverNow}: a few
     * threads of the server's own, or the calling thread ({@code Runnable::run}) in tests.
     */
    public EmoneyNotifier(Database database, URI emoneyServer, SSLContext tls, Clock clock, Executor delivery) {
        this.outbox = new NotificationOutbox(database);
        this.emoney = new PreparationsClient(emoneyServer, tls, IMMEDIATE_TIMEOUT);
        this.clock = clock;
        this.delivery = delivery;
    }

    /**
     * Until when a purchase's transaction claims its own notice for the first attempt, which
     * {@link #deliverFresh} then makes: the immediate timeout plus a margin. No other attempt,
     * here or on another instance, takes the notice before then.
     */
    public static Instant firstAttemptLease(Instant now) {
        return now.plus(IMMEDIATE_TIMEOUT).plus(LEASE_MARGIN);
    }

    /**
     * The first attempt of a notice just committed with its purchase, claimed by that transaction
     * ({@link #firstAttemptLease}), on the delivery executor. The future tells whether this
     * attempt delivered it; it is false at once when the executor takes no more work (the
     * background job delivers the notice when the lease ends). Never completes exceptionally.
     */
    public CompletableFuture<Boolean> deliverFresh(UUID purchaseId, String payload) {
        try {
            return CompletableFuture.supplyAsync(() -> sendAndSettle(purchaseId, payload, 1, IMMEDIATE_TIMEOUT), delivery)
                    .handle((result, failure) -> {
                        if (failure != null) {
                            log.warn("purchase {}: notice delivery failed; the outbox will retry", purchaseId, failure);
                            return false;
                        }
                        return result.state() == State.DELIVERED;
                    });
        } catch (RejectedExecutionException e) {
            log.warn("purchase {}: the notice delivery queue is full; the outbox delivers it after its lease", purchaseId);
            return CompletableFuture.completedFuture(false);
        }
    }

    /**
     * Tries to deliver one purchase's notice now, if it is due, with a short timeout; the attempt
     * runs on the delivery executor and is waited for. True when the notice is delivered, now or earlier.
     */
    public boolean deliverNow(UUID purchaseId) {
        NotificationOutbox.Entry entry = outbox.find(purchaseId);
        if (entry == null || entry.state() == State.FAILED) {
            return false;
        }
        if (entry.state() == State.DELIVERED) {
            return true;
        }
        if (entry.nextAttemptAt().isAfter(clock.instant())) {
            return false;
        }
        CompletableFuture<PreparationsClient.Result> attempt;
        try {
            attempt = CompletableFuture.supplyAsync(() -> attempt(entry, IMMEDIATE_TIMEOUT), delivery);
        } catch (RejectedExecutionException e) {
            return false;
        }
        try {
            PreparationsClient.Result result = attempt.get(IMMEDIATE_TIMEOUT.plus(LEASE_MARGIN).toMillis(),
                    TimeUnit.MILLISECONDS);
            return result != null && result.state() == State.DELIVERED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Sends every notice that is due; what the background job and the command line run. */
    public Run deliverDue() {
        int attempted = 0;
        int delivered = 0;
        int failed = 0;
        int retrying = 0;
        // One "now" for the whole run: a row claimed in this run is due again only after it.
        Instant now = clock.instant();
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<NotificationOutbox.Entry> due = outbox.due(now, BATCH);
            boolean unreachable = false;
            for (NotificationOutbox.Entry entry : due) {
                PreparationsClient.Result result = attempt(entry, BACKGROUND_TIMEOUT);
                if (result == null) {
                    continue;
                }
                attempted++;
                switch (result.state()) {
                    case DELIVERED -> delivered++;
                    case FAILED -> failed++;
                    case PENDING -> retrying++;
                }
                if (result.unreachable()) {
                    // The others would wait for the same timeout: they stay due for the next run.
                    unreachable = true;
                    break;
                }
            }
            if (unreachable || due.size() < BATCH || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        if (attempted > 0) {
            log.info("notice delivery run: {} attempted, {} delivered, {} failed, {} to retry",
                    attempted, delivered, failed, retrying);
        }
        return new Run(attempted, delivered, failed, retrying);
    }

    /** The state of a purchase's notice, or null when there is no such purchase. */
    public State state(UUID purchaseId) {
        NotificationOutbox.Entry entry = outbox.find(purchaseId);
        return entry == null ? null : entry.state();
    }

    /** The wait after {@code attempts} failed attempts: 1 s, 2 s, 4 s … capped at {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        if (attempts <= 1) {
            return Duration.ofSeconds(1);
        }
        if (attempts > 20) {
            return MAX_BACKOFF;
        }
        Duration wait = Duration.ofSeconds(1L << (attempts - 1));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** Claims, sends and settles one notice. Null when another attempt claimed it first. */
    private PreparationsClient.Result attempt(NotificationOutbox.Entry entry, Duration timeout) {
        int attempts = entry.attempts() + 1;
        // The claim holds while the attempt may last; if this instance dies, the row falls due after it.
        if (!outbox.claim(entry, attempts, clock.instant().plus(timeout).plus(LEASE_MARGIN))) {
            return null;
        }
        return sendAndSettle(entry.purchaseId(), entry.payload(), attempts, timeout);
    }

    /** Sends a notice claimed for attempt {@code attempts} and settles its row with the answer. */
    private PreparationsClient.Result sendAndSettle(UUID purchaseId, String payload, int attempts, Duration timeout) {
        PreparationsClient.Result result = emoney.send(payload, timeout);
        Instant retryAt = clock.instant().plus(backoff(attempts));
        outbox.settle(purchaseId, result.state(), result.error(), retryAt, clock.instant(), (connection, id, reason) -> {
            if (BillingReversal.reverse(connection, id, reason, clock.instant())) {
                log.warn("purchase {} reversed: the e-money server refused its VALUE for good ({}); the card's quota is restored",
                        id, reason);
            }
        });
        switch (result.state()) {
            case DELIVERED -> log.info("purchase {}: notice delivered to the e-money server (attempt {})", purchaseId, attempts);
            case FAILED -> log.warn("purchase {}: the e-money server refused the notice for good ({})", purchaseId,
                    result.error());
            case PENDING -> log.warn("purchase {}: notice not delivered (attempt {}: {}); next attempt at {}",
                    purchaseId, attempts, result.error(), retryAt);
        }
        return result;
    }

    /** Stops the client: nothing is sent any more (the outbox keeps what was not delivered). */
    @Override
    public void close() {
        emoney.close();
    }
}
