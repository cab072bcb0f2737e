package com.valuekiosk.server.credit;

import com.valuekiosk.server.credit.http.PreparationsClient;
import com.valuekiosk.server.credit.internal.BillingReversal;
import com.valuekiosk.server.credit.internal.NotificationOutbox;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.wire.PreparationBatch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * phase). Notices due together go together: one request to the e-money server, which prepares
 * them in one transaction, and one settlement here. A notice the e-money server refuses for good
 * becomes FAILED and, in the same transaction, the purchase is reversed ({@link BillingReversal}),
 * logged at WARN: the card holder gets the money back. Anything else is retried after 1 s, 2 s,
 * 4 s … up to {@link #MAX_BACKOFF}. Every step tolerates a second attempt on the same purchase,
 * here or on another server instance.
 *
 * <p>A purchase's own notice is written already claimed for its first attempt (the purchase's
 * transaction does the claim, see {@link #firstAttemptLease}), and that attempt runs on the
 * {@code delivery} executor right after the commit ({@link #deliverFresh}), with the other fresh
 * notices waiting then: the purchase answers without waiting for the e-money server. If this
 * instance dies before the attempt, the row falls due when the lease ends and the background job
 * delivers it.
 *
 * <p>A run of {@link #deliverDue()} stops at the first batch that gets no answer at all: the
 * e-money server is down, and the other notices stay due for the next run instead of each batch
 * waiting for its own timeout.
 */
public final class EmoneyNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmoneyNotifier.class);

    /** The longest wait between two attempts of one notice. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** How long the purchase request waits for its notice to get through before it answers PENDING. */
    public static final Duration IMMEDIATE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a background attempt waits. */
    public static final Duration BACKGROUND_TIMEOUT = Duration.ofSeconds(10);

    private static final int BATCH = PreparationBatch.MAX_NOTICES;
    /**
     * Batches of fresh notices on their way at once. Notices that come while both are out wait, and
     * go together in the next batch: under load, one request and one transaction on each server
     * carry several purchases' notices.
     */
    private static final int FRESH_SENDERS = 2;
    /** Fresh notices kept waiting at most; more wait in the outbox for the background job. */
    private static final int FRESH_QUEUE = 10_000;
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
    /** Fresh notices waiting for a sender, each with the future {@link #deliverFresh} returned. */
    private final Queue<Fresh> fresh = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freshWaiting = new AtomicInteger();
    /** Senders of fresh notices at work, at most {@link #FRESH_SENDERS}. */
    private final AtomicInteger freshSenders = new AtomicInteger();

    /** A fresh notice waiting to be sent. */
    private record Fresh(PreparationsClient.Notice notice, CompletableFuture<Boolean> delivered) {
    }

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
     * ({@link #firstAttemptLease}). It waits for a sender on the delivery executor, and goes with
     * the other fresh notices waiting then, in one batch. The future tells whether this attempt
     * delivered it; it is false at once when the queue or the executor takes no more work (the
     * background job delivers the notice when the lease ends). Never completes exceptionally.
     */
    public CompletableFuture<Boolean> deliverFresh(UUID purchaseId, String payload) {
        CompletableFuture<Boolean> delivered = new CompletableFuture<>();
        if (freshWaiting.incrementAndGet() > FRESH_QUEUE) {
            freshWaiting.decrementAndGet();
            log.warn("purchase {}: the notice delivery queue is full; the outbox delivers it after its lease", purchaseId);
            delivered.complete(false);
            return delivered;
        }
        fresh.add(new Fresh(new PreparationsClient.Notice(purchaseId, payload), delivered));
        startFreshSender();
        return delivered;
    }

    /** Puts one more sender to work when notices wait and fewer than {@link #FRESH_SENDERS} are at work. */
    private void startFreshSender() {
        while (!fresh.isEmpty()) {
            int working = freshSenders.get();
            if (working >= FRESH_SENDERS) {
                return; // a sender at work takes the waiting notices when its batch is done
            }
            if (freshSenders.compareAndSet(working, working + 1)) {
                try {
                    delivery.execute(this::sendFresh);
                } catch (RejectedExecutionException e) {
                    freshSenders.decrementAndGet();
                    // The notices wait for the next sender; their leases end meanwhile and the outbox has them too.
                    log.warn("the notice delivery executor is full; {} notices wait", freshWaiting.get());
                }
                return;
            }
        }
    }

    /** A sender's work: batches of waiting fresh notices until none waits. */
    private void sendFresh() {
        try {
            for (List<Fresh> batch = takeFresh(); !batch.isEmpty(); batch = takeFresh()) {
                List<PreparationsClient.Result> results;
                try {
                    // Attempt 1: the purchase's own transaction claimed it (firstAttemptLease).
                    results = sendAndSettle(batch.stream().map(waiting -> new Claimed(waiting.notice(), 1)).toList(),
                            IMMEDIATE_TIMEOUT);
                } catch (RuntimeException | Error e) {
                    log.warn("{} notices: delivery failed; the outbox will retry", batch.size(), e);
                    batch.forEach(waiting -> waiting.delivered().complete(false));
                    continue;
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).delivered().complete(results.get(i).state() == State.DELIVERED);
                }
            }
        } finally {
            freshSenders.decrementAndGet();
            startFreshSender(); // a notice that came after the last take and found every sender at work
        }
    }

    /** Up to {@link #BATCH} waiting fresh notices, the longest waiting first; none when none waits. */
    private List<Fresh> takeFresh() {
        List<Fresh> batch = new ArrayList<>();
        while (batch.size() < BATCH) {
            Fresh next = fresh.poll();
            if (next == null) {
                break;
            }
            freshWaiting.decrementAndGet();
            batch.add(next);
        }
        return batch;
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
            attempt = CompletableFuture.supplyAsync(() -> {
                List<PreparationsClient.Result> results = attempt(List.of(entry), IMMEDIATE_TIMEOUT);
                return results.isEmpty() ? null : results.get(0);
            }, delivery);
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
            for (PreparationsClient.Result result : attempt(due, BACKGROUND_TIMEOUT)) {
                attempted++;
                switch (result.state()) {
                    case DELIVERED -> delivered++;
                    case FAILED -> failed++;
                    case PENDING -> retrying++;
                }
                // No answer at all: the e-money server is down; what is left stays due for the next run.
                unreachable |= result.unreachable();
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

    /**
     * Claims the entries, and sends and settles those claimed, together; their results in order.
     * An entry another attempt claimed first is left out.
     */
    private List<PreparationsClient.Result> attempt(List<NotificationOutbox.Entry> entries, Duration timeout) {
        // A claim holds while the attempt may last; if this instance dies, the row falls due after it.
        Instant leaseEnd = clock.instant().plus(timeout).plus(LEASE_MARGIN);
        List<Claimed> claimed = new ArrayList<>(entries.size());
        for (NotificationOutbox.Entry entry : entries) {
            int attempts = entry.attempts() + 1;
            if (outbox.claim(entry, attempts, leaseEnd)) {
                claimed.add(new Claimed(new PreparationsClient.Notice(entry.purchaseId(), entry.payload()), attempts));
            }
        }
        return claimed.isEmpty() ? List.of() : sendAndSettle(claimed, timeout);
    }

    /** A notice claimed for its attempt number {@code attempt}. */
    private record Claimed(PreparationsClient.Notice notice, int attempt) {
    }

    /** Sends claimed notices together and settles their rows with the answers in one transaction; their results in order. */
    private List<PreparationsClient.Result> sendAndSettle(List<Claimed> claimed, Duration timeout) {
        List<PreparationsClient.Result> results = emoney.sendAll(claimed.stream().map(Claimed::notice).toList(), timeout);
        Instant answered = clock.instant();
        List<NotificationOutbox.Settlement> settlements = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            settlements.add(new NotificationOutbox.Settlement(claimed.get(i).notice().requestId(), results.get(i).state(),
                    results.get(i).error(), answered.plus(backoff(claimed.get(i).attempt()))));
        }
        outbox.settle(settlements, answered, (connection, id, reason) -> {
            if (BillingReversal.reverse(connection, id, reason, clock.instant())) {
                log.warn("purchase {} reversed: the e-money server refused its VALUE for good ({}); the card's quota is restored",
                        id, reason);
            }
        });
        for (int i = 0; i < claimed.size(); i++) {
            UUID purchaseId = claimed.get(i).notice().requestId();
            int attempt = claimed.get(i).attempt();
            PreparationsClient.Result result = results.get(i);
            switch (result.state()) {
                case DELIVERED -> log.info("purchase {}: notice delivered to the e-money server (attempt {})", purchaseId, attempt);
                case FAILED -> log.warn("purchase {}: the e-money server refused the notice for good ({})", purchaseId,
                        result.error());
                case PENDING -> log.warn("purchase {}: notice not delivered (attempt {}: {}); next attempt at {}",
                        purchaseId, attempt, result.error(), settlements.get(i).retryAt());
            }
        }
        return results;
    }

    /** Stops the client: nothing is sent any more (the outbox keeps what was not delivered). */
    @Override
    public void close() {
        emoney.close();
    }
}
