package com.valuekiosk.kiosk.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transactions a flow in this process still owns, so that {@link Recovery} leaves them alone:
 * a charge waiting for its card to come back, a purchase waiting for the server's answer. A flow
 * claims its transaction with every journal entry it writes and releases it when it ends. A claim
 * also lapses {@code lease} after the flow's last entry — longer than any server call with its
 * retries, or the idle timeout — so a flow the person walked away from does not keep its
 * transaction from recovery for ever.
 */
public final class LiveTransactions {

    /** Longer than a server call's retries (3 × 20 s) and the kiosk's idle timeout. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private final Clock clock;
    private final Duration lease;
    private final Map<UUID, Instant> claimed = new ConcurrentHashMap<>();

    public LiveTransactions(Clock clock, Duration lease) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /** The flow writes to {@code transaction} now: recovery keeps off it for the lease. */
    public void claim(UUID transaction) {
        claimed.put(transaction, clock.instant());
    }

    /** The flow has ended: its transaction, if still open, is recovery's. */
    public void release(UUID transaction) {
        claimed.remove(transaction);
    }

    /** True while a flow owns {@code transaction} and wrote to it within the lease. */
    public boolean isLive(UUID transaction) {
        Instant last = claimed.get(transaction);
        if (last == null) {
            return false;
        }
        if (!clock.instant().isBefore(last.plus(lease))) {
            claimed.remove(transaction, last);
            return false;
        }
        return true;
    }
}
