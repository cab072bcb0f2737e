package com.valuekiosk.server.credit;

import static com.valuekiosk.server.testing.ServersFixture.KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.PreparationAck;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The notice to the e-money server: at least once, applied once, through outages; on H2 and PostgreSQL. */
class NotificationDeliveryTest extends CreditServerTestBase {

    static final CardNumber CREDIT = DemoCards.CREDIT_CARD.cardNumber();
    static final CardNumber PURSE = DemoCards.EMONEY_CARD.cardNumber();
    /** A well-formed e-money card number the e-money server does not know. */
    static final String UNKNOWN_PURSE = "9999010000000041";


    @Override
    void assertLogIsClean(String log) {
        super.assertLogIsClean(log);
        assertThat(log).doesNotContain(UNKNOWN_PURSE);
    }

    static String outbox(ServersFixture servers, String column, ValuePurchaseResponse purchase) {
        return servers.credit(String.class, "SELECT " + column + " FROM notification_outbox WHERE purchase_id = ?",
                purchase.purchaseId().toString());
    }

    static int attempts(ServersFixture servers, ValuePurchaseResponse purchase) {
        return servers.credit(Integer.class, "SELECT attempts FROM notification_outbox WHERE purchase_id = ?",
                purchase.purchaseId().toString());
    }

    static java.time.Instant nextAttempt(ServersFixture servers, ValuePurchaseResponse purchase) {
        return servers.credit(LocalDateTime.class, "SELECT next_attempt_at FROM notification_outbox WHERE purchase_id = ?",
                purchase.purchaseId().toString()).toInstant(ZoneOffset.UTC);
    }

    /** Stops the e-money server, then buys {@code count} times {@code amount} for the purse, ATCs 1, 2, 3 … */
    static List<ValuePurchaseResponse> purchasedWhileTheEmoneyServerIsDown(ServersFixture servers, int count, long amount)
            throws Exception {
        ApiClient kiosk = servers.terminal(KIOSK);
        servers.stopEmoney();
        List<ValuePurchaseResponse> purchases = new ArrayList<>();
        for (int atc = 1; atc <= count; atc++) {
            purchases.add(approved(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), amount, atc, KIOSK))));
        }
        return purchases;
    }

    static ValuePurchaseResponse approved(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.as(ValuePurchaseResponse.class);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void noticeSurvivesTheEmoneyServerBeingDownAndIsAppliedOnce(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);
            servers.stopEmoney();

            ValuePurchaseResponse purchase = approved(kiosk.post(ApiPaths.PURCHASES, request));

            assertThat(purchase.notification()).isEqualTo(ValuePurchaseResponse.Notification.PENDING);
            assertThat(outbox(servers, "state", purchase)).isEqualTo("PENDING");
            assertThat(attempts(servers, purchase)).isEqualTo(1);
            assertThat(nextAttempt(servers, purchase)).isEqualTo(ServersFixture.START.plusSeconds(1));
            assertThat(outbox(servers, "last_error", purchase)).startsWith("not reachable");
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).isEqualTo(2_000);
            // Not due yet: nothing is tried.
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();

            servers.startEmoney();
            servers.clock.advance(Duration.ofSeconds(1));
            EmoneyNotifier.Run run = servers.credit.notifier().deliverDue();

            assertThat(run).isEqualTo(new EmoneyNotifier.Run(1, 1, 0, 0));
            assertThat(outbox(servers, "state", purchase)).isEqualTo("DELIVERED");
            assertThat(outbox(servers, "last_error", purchase)).isNull();
            assertThat(servers.credit(LocalDateTime.class, "SELECT delivered_at FROM notification_outbox WHERE purchase_id = ?",
                    purchase.purchaseId().toString())).isEqualTo(LocalDateTime.parse("2026-11-24T10:00:01"));
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();

            // Delivered again by hand: the e-money server answers the same and prepares nothing more.
            String notice = outbox(servers, "payload", purchase);
            ApiClient.Response byHand = servers.creditServerOnEmoney().postRaw(ApiPaths.PREPARATIONS, notice);
            assertThat(byHand.status()).as(byHand.body()).isEqualTo(200);
            assertThat(byHand.as(PreparationAck.class).requestId()).isEqualTo(purchase.purchaseId());
            assertThat(servers.available(PURSE)).isEqualTo(2_000);

            // The kiosk repeating its request now hears DELIVERED; the rest of the answer is the stored one.
            ValuePurchaseResponse repeated = approved(kiosk.post(ApiPaths.PURCHASES, request));
            assertThat(repeated.notification()).isEqualTo(ValuePurchaseResponse.Notification.DELIVERED);
            assertThat(repeated).usingRecursiveComparison().ignoringFields("notification").isEqualTo(purchase);
            assertThat(PurchaseTest.billed(servers)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void retriesBackOffWhileTheEmoneyServerStaysDown(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            servers.stopEmoney();
            ValuePurchaseResponse purchase = approved(servers.terminal(KIOSK).post(ApiPaths.PURCHASES,
                    purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK)));
            EmoneyNotifier notifier = servers.credit.notifier();

            servers.clock.advance(Duration.ofSeconds(1));
            assertThat(notifier.deliverDue()).isEqualTo(new EmoneyNotifier.Run(1, 0, 0, 1));
            assertThat(attempts(servers, purchase)).isEqualTo(2);
            assertThat(nextAttempt(servers, purchase)).isEqualTo(servers.clock.instant().plusSeconds(2));

            servers.clock.advance(Duration.ofSeconds(1));
            assertThat(notifier.deliverDue().attempted()).isZero();
            servers.clock.advance(Duration.ofSeconds(1));
            assertThat(notifier.deliverDue().attempted()).isOne();
            assertThat(attempts(servers, purchase)).isEqualTo(3);
            assertThat(nextAttempt(servers, purchase)).isEqualTo(servers.clock.instant().plusSeconds(4));
            assertThat(outbox(servers, "state", purchase)).isEqualTo("PENDING");

            servers.startEmoney();
            servers.clock.advance(Duration.ofSeconds(4));
            assertThat(notifier.deliverDue().delivered()).isOne();
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aRunSendsHundredNoticesARequestAndStopsAtTheFirstRequestThatGetsNoAnswer(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            purchasedWhileTheEmoneyServerIsDown(servers, 101, 100);
            EmoneyNotifier notifier = servers.credit.notifier();
            servers.clock.advance(Duration.ofSeconds(1));

            // The first hundred get no answer: the 101st is not tried in this run.
            assertThat(notifier.deliverDue()).isEqualTo(new EmoneyNotifier.Run(100, 0, 0, 100));

            servers.startEmoney();
            assertThat(notifier.deliverDue()).isEqualTo(new EmoneyNotifier.Run(1, 1, 0, 0));
            servers.clock.advance(Duration.ofSeconds(2));
            assertThat(notifier.deliverDue()).isEqualTo(new EmoneyNotifier.Run(100, 100, 0, 0));
            assertThat(servers.available(PURSE)).isEqualTo(10_100);
            assertThat(logs.text()).containsOnlyOnce("emoney POST " + ApiPaths.PREPARATION_BATCHES + " ")
                    .containsOnlyOnce("emoney POST " + ApiPaths.PREPARATIONS + " ");
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void noticeTheEmoneyServerDeclinesIsMarkedFailedAndThePurchaseReversed(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);

            ValuePurchaseResponse unknownPurse = approved(kiosk.post(ApiPaths.PURCHASES,
                    purchase(CREDIT, UNKNOWN_PURSE, 1_000, 1, KIOSK)));
            ValuePurchaseResponse notMapped = approved(kiosk.post(ApiPaths.PURCHASES,
                    purchase(CREDIT, ValuePurchaseRequest.MAPPED_EMONEY_CARD, 2_000, 2, KIOSK)));

            assertThat(unknownPurse.notification()).isEqualTo(ValuePurchaseResponse.Notification.PENDING);
            assertThat(notMapped.notification()).isEqualTo(ValuePurchaseResponse.Notification.PENDING);
            assertThat(outbox(servers, "state", unknownPurse)).isEqualTo("FAILED");
            assertThat(outbox(servers, "last_error", unknownPurse)).isEqualTo("HTTP 404 CARD_UNKNOWN");
            assertThat(servers.credit(LocalDateTime.class, "SELECT delivered_at FROM notification_outbox WHERE purchase_id = ?",
                    unknownPurse.purchaseId().toString())).isNull();
            assertThat(outbox(servers, "state", notMapped)).isEqualTo("FAILED");
            assertThat(outbox(servers, "last_error", notMapped)).isEqualTo("HTTP 404 EMONEY_CARD_NOT_MAPPED");
            assertThat(logs.unmaskedText()).contains("WARN").contains("reversed");

            servers.clock.advance(Duration.ofHours(1));
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();
            assertThat(servers.credit.notifier().state(unknownPurse.purchaseId())).isEqualTo(EmoneyNotifier.State.FAILED);
            // The VALUE can never be prepared, so the card holder gets the money back.
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).isZero();
            assertThat(servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records WHERE reversed_at IS NOT NULL"))
                    .isEqualTo(2);
            servers.credit.billing().closeCycle(java.time.YearMonth.from(ServersFixture.START.atZone(java.time.ZoneOffset.UTC)));
            assertThat(servers.credit.billing().statement(java.time.YearMonth.from(ServersFixture.START.atZone(java.time.ZoneOffset.UTC))))
                    .as("reversed purchases are not on the statement").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void twoInstancesDeliveringTogetherApplyEveryNoticeOnce(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            List<ValuePurchaseResponse> purchases = purchasedWhileTheEmoneyServerIsDown(servers, 12, 1_000);
            servers.startEmoney();
            servers.clock.advance(Duration.ofSeconds(1));
            EmoneyNotifier first = servers.credit.notifier();
            EmoneyNotifier.Run a;
            EmoneyNotifier.Run b;
            try (EmoneyNotifier second = new EmoneyNotifier(servers.credit.database(), servers.emoneyUri(),
                    servers.creditServerTls(), servers.clock)) {
                CompletableFuture<EmoneyNotifier.Run> one = CompletableFuture.supplyAsync(first::deliverDue);
                CompletableFuture<EmoneyNotifier.Run> two = CompletableFuture.supplyAsync(second::deliverDue);
                a = one.get(60, TimeUnit.SECONDS);
                b = two.get(60, TimeUnit.SECONDS);
            }

            assertThat(a.delivered() + b.delivered()).isEqualTo(12);
            assertThat(a.attempted() + b.attempted()).isEqualTo(12);
            assertThat(purchases).allSatisfy(p -> assertThat(outbox(servers, "state", p)).isEqualTo("DELIVERED"));
            assertThat(servers.available(PURSE)).isEqualTo(12_000);
        }
    }

    /** An executor that keeps what it is given until the test runs it: a notice sender that is slow. */
    static final class HeldTasks implements java.util.concurrent.Executor {
        private final java.util.Queue<Runnable> held = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        int size() {
            return held.size();
        }

        void runAll() {
            for (Runnable task = held.poll(); task != null; task = held.poll()) {
                task.run();
            }
        }

        void dropAll() {
            held.clear();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aPurchaseAnswersBeforeItsNoticeIsSentAndTheNoticeGoesRightAfter(Storage storage) throws Exception {
        HeldTasks senders = new HeldTasks();
        try (ServersFixture servers = new ServersFixture(pki, directory, storage, senders)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);

            ValuePurchaseResponse purchase = approved(kiosk.post(ApiPaths.PURCHASES, request));

            // Answered while the notice waits for a sender: PENDING, and nothing on the e-money side yet.
            assertThat(purchase.notification()).isEqualTo(ValuePurchaseResponse.Notification.PENDING);
            assertThat(senders.size()).isEqualTo(1);
            assertThat(servers.available(PURSE)).isZero();
            // The purchase's transaction claimed the notice for that first attempt: the background job leaves it.
            assertThat(outbox(servers, "state", purchase)).isEqualTo("PENDING");
            assertThat(attempts(servers, purchase)).isEqualTo(1);
            assertThat(nextAttempt(servers, purchase)).isEqualTo(EmoneyNotifier.firstAttemptLease(ServersFixture.START));
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();

            senders.runAll();

            assertThat(outbox(servers, "state", purchase)).isEqualTo("DELIVERED");
            assertThat(attempts(servers, purchase)).isEqualTo(1);
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
            ValuePurchaseResponse repeated = approved(kiosk.post(ApiPaths.PURCHASES, request));
            assertThat(repeated.notification()).isEqualTo(ValuePurchaseResponse.Notification.DELIVERED);
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();
        }
    }

    /**
     * Notices that come while the senders are at work wait, and go together: one request to the
     * e-money server, one settlement. Each gets its own answer: a card the e-money server does not
     * know fails that notice alone, and its purchase alone is reversed.
     */
    @ParameterizedTest
    @EnumSource(Storage.class)
    void noticesThatWaitForASenderGoTogetherAndEachGetsItsOwnAnswer(Storage storage) throws Exception {
        HeldTasks senders = new HeldTasks();
        try (ServersFixture servers = new ServersFixture(pki, directory, storage, senders)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseResponse first = approved(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 1_000, 1, KIOSK)));
            ValuePurchaseResponse unknown = approved(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, UNKNOWN_PURSE, 2_000, 2, KIOSK)));
            ValuePurchaseResponse third = approved(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 3_000, 3, KIOSK)));
            assertThat(senders.size()).as("two senders, the third notice waits with them").isEqualTo(2);

            senders.runAll();

            assertThat(outbox(servers, "state", first)).isEqualTo("DELIVERED");
            assertThat(outbox(servers, "state", unknown)).isEqualTo("FAILED");
            assertThat(outbox(servers, "last_error", unknown)).isEqualTo("HTTP 404 CARD_UNKNOWN");
            assertThat(outbox(servers, "state", third)).isEqualTo("DELIVERED");
            assertThat(servers.available(PURSE)).isEqualTo(4_000);
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).as("the refused purchase alone is reversed").isEqualTo(4_000);
            assertThat(logs.text()).containsOnlyOnce("emoney POST " + ApiPaths.PREPARATION_BATCHES + " ")
                    .doesNotContain("emoney POST " + ApiPaths.PREPARATIONS + " ");
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();
        }
    }

    /**
     * A batch the e-money server refuses as a whole (here one notice in it is invalid; a server
     * without the batch endpoint answers 404) is sent again notice by notice: the invalid one fails
     * alone, and the others are delivered.
     */
    @ParameterizedTest
    @EnumSource(Storage.class)
    void aBatchRefusedAsAWholeIsSentNoticeByNotice(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            List<ValuePurchaseResponse> purchases = purchasedWhileTheEmoneyServerIsDown(servers, 3, 1_000);
            ValuePurchaseResponse spoiled = purchases.get(1);
            servers.credit.database().inTransaction(connection -> {
                try (java.sql.PreparedStatement invalid = connection.prepareStatement(
                        "UPDATE notification_outbox SET payload = REPLACE(payload, '\"amount\":1000', '\"amount\":0')"
                                + " WHERE purchase_id = ?")) {
                    invalid.setString(1, spoiled.purchaseId().toString());
                    assertThat(invalid.executeUpdate()).isOne();
                }
                return null;
            });
            servers.startEmoney();
            servers.clock.set(EmoneyNotifier.firstAttemptLease(ServersFixture.START));

            assertThat(servers.credit.notifier().deliverDue()).isEqualTo(new EmoneyNotifier.Run(3, 2, 1, 0));

            assertThat(logs.text()).containsOnlyOnce("emoney POST " + ApiPaths.PREPARATION_BATCHES + " CREDIT_SERVER/");
            assertThat(outbox(servers, "state", spoiled)).isEqualTo("FAILED");
            assertThat(outbox(servers, "last_error", spoiled)).isEqualTo("HTTP 400 INVALID_REQUEST");
            assertThat(outbox(servers, "state", purchases.get(0))).isEqualTo("DELIVERED");
            assertThat(outbox(servers, "state", purchases.get(2))).isEqualTo("DELIVERED");
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aNoticeWhoseFirstAttemptNeverRanIsDeliveredWhenItsLeaseEnds(Storage storage) throws Exception {
        HeldTasks senders = new HeldTasks();
        try (ServersFixture servers = new ServersFixture(pki, directory, storage, senders)) {
            ValuePurchaseResponse purchase = approved(servers.terminal(KIOSK).post(ApiPaths.PURCHASES,
                    purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK)));
            // The instance dies before its sender runs: the attempt is lost, the claim stays.
            senders.dropAll();

            servers.clock.set(EmoneyNotifier.firstAttemptLease(ServersFixture.START).minusMillis(1));
            assertThat(servers.credit.notifier().deliverDue().attempted()).isZero();
            servers.clock.set(EmoneyNotifier.firstAttemptLease(ServersFixture.START));
            assertThat(servers.credit.notifier().deliverDue()).isEqualTo(new EmoneyNotifier.Run(1, 1, 0, 0));

            assertThat(attempts(servers, purchase)).isEqualTo(2);
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
            assertThat(PurchaseTest.billed(servers)).isEqualTo(1);
        }
    }

    /**
     * A settlement does not wait for the file on H2 ({@code REDONE_IF_LOST}): a crash may take a
     * delivered or failed notice back to the row its purchase wrote, claimed for a first attempt,
     * with the reversal undone too. When the claim runs out the notice goes again, and the e-money
     * server's stored answers make it come out as before: prepared once, reversed once.
     */
    @ParameterizedTest
    @EnumSource(Storage.class)
    void settlementsLostInACrashAreRedoneWhenTheirClaimRunsOutAndNothingHappensTwice(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseResponse delivered = approved(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK)));
            ValuePurchaseResponse refused = approved(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, UNKNOWN_PURSE, 1_000, 2, KIOSK)));
            assertThat(outbox(servers, "state", delivered)).isEqualTo("DELIVERED");
            assertThat(outbox(servers, "state", refused)).isEqualTo("FAILED");
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).isEqualTo(2_000);

            servers.credit.database().inTransaction(connection -> {
                try (java.sql.PreparedStatement lost = connection.prepareStatement("UPDATE notification_outbox"
                        + " SET state = 'PENDING', delivered_at = NULL, last_error = NULL, next_attempt_at = ?")) {
                    lost.setObject(1, Database.utc(EmoneyNotifier.firstAttemptLease(ServersFixture.START)));
                    lost.executeUpdate();
                }
                try (java.sql.Statement unreversed = connection.createStatement()) {
                    unreversed.executeUpdate("UPDATE billing_records SET reversed_at = NULL, reversal_reason = NULL");
                    unreversed.executeUpdate("UPDATE card_accounts SET credit_used = 3000 WHERE card_number = '"
                            + CREDIT.digits() + "'");
                }
                return null;
            });
            servers.clock.set(EmoneyNotifier.firstAttemptLease(ServersFixture.START));

            assertThat(servers.credit.notifier().deliverDue()).isEqualTo(new EmoneyNotifier.Run(2, 1, 1, 0));
            assertThat(outbox(servers, "state", delivered)).isEqualTo("DELIVERED");
            assertThat(outbox(servers, "state", refused)).isEqualTo("FAILED");
            assertThat(servers.available(PURSE)).as("prepared once").isEqualTo(2_000);
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).as("reversed once").isEqualTo(2_000);
            assertThat(servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records WHERE reversed_at IS NOT NULL"))
                    .isEqualTo(1);
        }
    }

    @Test
    void backoffDoublesUpToFiveMinutes() {
        assertThat(EmoneyNotifier.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(EmoneyNotifier.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(EmoneyNotifier.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(EmoneyNotifier.backoff(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(EmoneyNotifier.backoff(10)).isEqualTo(EmoneyNotifier.MAX_BACKOFF);
        assertThat(EmoneyNotifier.backoff(1_000)).isEqualTo(EmoneyNotifier.MAX_BACKOFF);
    }
}
