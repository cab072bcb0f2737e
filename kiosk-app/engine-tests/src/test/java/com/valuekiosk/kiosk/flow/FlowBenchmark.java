package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine part of a full purchase + charge-up on simulated cards against both servers on
 * loopback: APDUs and server round trips per flow, and how long the kiosk takes when nobody has to
 * type. A benchmark, not a test: excluded from the build, run with
 * {@code ./mvnw -B -ntp -pl kiosk-app/engine-tests -am test -Dgroups=benchmark -Dexcluded.groups=none -Dtest=FlowBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class FlowBenchmark {

    private static final int WARM_UP = 20;
    private static final int FLOWS = 100;

    @TempDir
    Path directory;

    @Test
    void purchaseAndChargeUp() throws Exception {
        DevPki pki = ServersFixture.pki(directory.resolve("pki"));
        try (KioskHarness kiosk = new KioskHarness(pki, directory, Storage.H2)) {
            AtomicInteger contactApdus = new AtomicInteger();
            AtomicInteger contactlessApdus = new AtomicInteger();
            // A fault that never fires sees every command: a counter at the APDU boundary.
            kiosk.contact.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, command -> contactApdus.incrementAndGet() < 0);
            kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, command -> contactlessApdus.incrementAndGet() < 0);
            long[] purchaseNanos = new long[FLOWS];
            long[] chargeNanos = new long[FLOWS];
            int requests = 0;
            // Each round buys ¥100 with the demo credit card: 120 rounds stay well inside its quota.
            for (int i = 0; i < WARM_UP + FLOWS; i++) {
                contactApdus.set(0);
                contactlessApdus.set(0);
                try (LogCapture log = new LogCapture()) {
                    long start = System.nanoTime();
                    PurchaseFlow purchase = kiosk.buy(100);
                    long bought = System.nanoTime();
                    ChargeUpFlow charge = kiosk.chargeUp();
                    charge.readCard();
                    charge.confirm(true);
                    long charged = System.nanoTime();
                    assertThat(purchase.state()).isEqualTo(PurchaseFlow.State.APPROVED);
                    assertThat(charge.state()).isEqualTo(ChargeUpFlow.State.COMPLETED);
                    // Let the card leave so the next round may take it again.
                    kiosk.contactless.remove();
                    kiosk.contactless.tap(kiosk.emoneyCard);
                    if (i >= WARM_UP) {
                        purchaseNanos[i - WARM_UP] = bought - start;
                        chargeNanos[i - WARM_UP] = charged - bought;
                        requests = countKioskRequests(log.text());
                    }
                }
            }
            System.out.printf("%nFlow benchmark: %d purchase + charge-up flows after %d warm-up, H2, both servers on loopback%n",
                    FLOWS, WARM_UP);
            System.out.printf("machine: %d processors, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), System.getProperty("os.name"));
            System.out.printf("APDUs per flow (last): contact reader %d, contactless reader %d%n", contactApdus.get(), contactlessApdus.get());
            System.out.printf("kiosk -> server requests per flow (last): %d%n", requests);
            print("purchase (read cards, VERIFY, AUTHORIZE, POST /v1/purchases)", purchaseNanos);
            print("charge-up (read card, availability, amount change, CREDIT, completion)", chargeNanos);
            long[] total = new long[FLOWS];
            for (int i = 0; i < FLOWS; i++) {
                total[i] = purchaseNanos[i] + chargeNanos[i];
            }
            print("both", total);
        }
    }

    /** The servers log one line per request: "credit POST …" / "emoney POST …" (not the credit server's own notice). */
    private static int countKioskRequests(String log) {
        return (int) log.lines().filter(line -> line.contains(" TERMINAL/")).count();
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-75s p50 %6.1f ms  p90 %6.1f ms  max %6.1f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
