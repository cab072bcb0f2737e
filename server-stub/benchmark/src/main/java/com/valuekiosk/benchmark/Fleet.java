package com.valuekiosk.benchmark;

import com.valuekiosk.card.host.CreditCardProfile;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The simulated kiosks of a run, one thread each: the HTTPS ceiling their clients reach, then
 * warm-up, a barrier, the measured flows, and each purse's balance read back for the money check.
 * The same code runs in the servers' process or in a load generator process of its own.
 */
final class Fleet {

    private final BenchmarkSettings settings;
    private final DevPki pki;
    private final List<Kiosk> kiosks = new ArrayList<>();

    /** One kiosk per terminal, each with its own credit card and purse, personalised like the issuer would. */
    Fleet(BenchmarkSettings settings, DevPki pki, URI creditServer, URI emoneyServer) {
        this.settings = settings;
        this.pki = pki;
        SimulatedCardFactory factory = new SimulatedCardFactory(IssuerMasterKeys.demo());
        for (int k = 1; k <= settings.kiosks(); k++) {
            String terminal = BenchmarkRun.terminalId(k);
            CreditCardProfile credit = new CreditCardProfile(BenchmarkRun.creditCardNumber(k), BenchmarkRun.customer(k),
                    BenchmarkRun.cardExpiry(), DemoCards.PIN, 3);
            PurseProfile purse = new PurseProfile(BenchmarkRun.purseNumber(k), DemoCards.YEN,
                    BenchmarkSettings.PURSE_MAXIMUM_BALANCE, 0);
            kiosks.add(new Kiosk(terminal, credit, purse, factory, terminalTls(terminal), creditServer, emoneyServer, settings));
        }
    }

    private SSLContext terminalTls(String terminal) {
        return TlsContexts.create(pki.terminalKeyStore(terminal), pki.storePassword(), pki.trustStore());
    }

    int size() {
        return kiosks.size();
    }

    /**
     * First the ceiling, when {@code helloWorld} is given, with {@code marks.ceilingStart} and
     * {@code ceilingEnd} around its measured time; then every kiosk's flows: {@code flowsStart} runs
     * when all have warmed up, {@code flowsEnd} when the last one finished its measured flows.
     *
     * <p>The ceiling comes first because after the flows the JVMs are not quiet: each one's C2
     * compiler thread still has the flows' code queued, and took a core from the hello-world
     * requests for tens of seconds (the benchmark's README, twelfth round).
     */
    FleetResult run(Marks marks, URI helloWorld) throws InterruptedException {
        double ceiling = helloWorld == null ? 0 : Ceiling.ask(helloWorld,
                kiosks.stream().map(kiosk -> terminalTls(kiosk.terminalId())).toList(),
                settings.ceilingTime().dividedBy(2), settings.ceilingTime(), marks.ceilingStart(), marks.ceilingEnd());
        Failures failures = new Failures();
        long wallNanos = load(failures, marks.flowsStart());
        marks.flowsEnd().run();
        long cardIncrease = 0;
        for (Kiosk kiosk : kiosks) {
            try {
                cardIncrease += kiosk.readBalance(); // every purse started at 0
            } catch (FlowFailure e) {
                failures.record("money check", e.step(), e.getMessage());
            }
        }
        Map<Metric, long[]> samples = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            samples.put(metric, Latency.concat(kiosks.stream().map(kiosk -> kiosk.samples(metric)).toList()));
        }
        return new FleetResult(wallNanos, samples, sum(Kiosk::measuredFlows), sum(Kiosk::measuredRequests),
                sum(Kiosk::measuredApdus), sum(Kiosk::pendingNotices), sum(Kiosk::flowsWithAvailabilityRetry),
                sum(Kiosk::availabilityRetries), cardIncrease, sum(Kiosk::measuredCpuNanos), failures.total(),
                failures.summary(), ceiling, -1, -1, -1);
    }

    private long sum(java.util.function.ToLongFunction<Kiosk> figure) {
        return kiosks.stream().mapToLong(figure).sum();
    }

    /** Returns the wall time from the barrier until the last kiosk finished. */
    private long load(Failures failures, Runnable atStart) throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong finished = new AtomicLong(Long.MIN_VALUE);
        CyclicBarrier warmedUp = new CyclicBarrier(kiosks.size(), () -> {
            atStart.run();
            started.set(System.nanoTime());
        });
        List<Thread> threads = new ArrayList<>();
        for (Kiosk kiosk : kiosks) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < settings.warmupFlows(); i++) {
                        flow(kiosk, "warm-up", failures);
                    }
                } finally {
                    try {
                        warmedUp.await();
                    } catch (InterruptedException | BrokenBarrierException e) {
                        failures.record("warm-up", "barrier", e.getClass().getSimpleName());
                        Thread.currentThread().interrupt();
                    }
                }
                kiosk.startMeasuring();
                for (int i = 0; i < settings.flows() && !Thread.currentThread().isInterrupted(); i++) {
                    flow(kiosk, "measured", failures);
                }
                kiosk.stopMeasuring();
                finished.accumulateAndGet(System.nanoTime(), Math::max);
            }, "kiosk-" + kiosk.terminalId());
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        return Math.max(0, finished.get() - started.get());
    }

    private static void flow(Kiosk kiosk, String phase, Failures failures) {
        try {
            kiosk.flow();
        } catch (FlowFailure e) {
            failures.record(phase, e.step(), e.getMessage());
        } catch (RuntimeException e) {
            failures.record(phase, "unexpected", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
