package com.valuekiosk.server.credit.internal;

import static com.valuekiosk.server.testing.ServersFixture.KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.credit.EmoneyNotifier.State;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox's two phases, claim and settle, and the reversal they may run, each called twice for
 * the same purchase (another thread, another instance, a retried transaction): the second call
 * changes nothing and says so.
 */
class NotificationOutboxTest {

    static final CardNumber CREDIT = DemoCards.CREDIT_CARD.cardNumber();

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Storage.class)
    void claimSettleAndReversalEachTakeEffectOnceForOnePurchase(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(directory, storage)) {
            servers.stopEmoney();
            ValuePurchaseResponse approved = servers.terminal(KIOSK).post(ApiPaths.PURCHASES,
                    purchase(CREDIT, DemoCards.EMONEY_CARD.cardNumber().digits(), 2_000, 1, KIOSK)).as(ValuePurchaseResponse.class);
            UUID purchase = approved.purchaseId();
            NotificationOutbox outbox = new NotificationOutbox(servers.credit.database());
            servers.clock.advance(Duration.ofSeconds(1));
            Instant now = servers.clock.instant();

            NotificationOutbox.Entry read = outbox.find(purchase);
            assertThat(read.state()).isEqualTo(State.PENDING);
            assertThat(outbox.due(now, 10)).extracting(NotificationOutbox.Entry::purchaseId).containsExactly(purchase);

            // Prepare: the first claim of a reading wins, a second claim of the same reading loses.
            assertThat(outbox.claim(read, read.attempts() + 1, now.plusSeconds(11))).isTrue();
            assertThat(outbox.claim(read, read.attempts() + 1, now.plusSeconds(11))).isFalse();
            assertThat(outbox.due(now, 10)).as("a claimed row is not due").isEmpty();

            // Commit: FAILED once, with the reversal in the same transaction; a second settle is a no-op.
            int[] reversals = {0};
            NotificationOutbox.OnFailed reverse = (connection, id, reason) -> {
                if (BillingReversal.reverse(connection, id, reason, now)) {
                    reversals[0]++;
                }
            };
            NotificationOutbox.Settlement failed = new NotificationOutbox.Settlement(purchase, State.FAILED,
                    "HTTP 404 CARD_UNKNOWN", now.plusSeconds(2));
            assertThat(outbox.settle(List.of(failed), now, reverse)).containsExactly(true);
            assertThat(outbox.settle(List.of(failed), now, reverse)).containsExactly(false);
            assertThat(outbox.settle(List.of(new NotificationOutbox.Settlement(purchase, State.DELIVERED, null,
                    now.plusSeconds(2))), now, reverse)).as("a settled row stays as it was settled").containsExactly(false);

            assertThat(outbox.find(purchase).state()).isEqualTo(State.FAILED);
            assertThat(outbox.find(purchase).attempts()).isEqualTo(read.attempts() + 1);
            assertThat(reversals[0]).isOne();
            assertThat(servers.credit(Long.class, "SELECT credit_used FROM card_accounts WHERE card_number = ?", CREDIT.digits()))
                    .isZero();

            // The reversal on its own, again: nothing more is given back.
            boolean again = servers.credit.database().inTransaction(
                    connection -> BillingReversal.reverse(connection, purchase, "again", now));
            assertThat(again).isFalse();
            assertThat(servers.credit(Long.class, "SELECT credit_used FROM card_accounts WHERE card_number = ?", CREDIT.digits()))
                    .isZero();
            assertThat(servers.credit(String.class, "SELECT reversal_reason FROM billing_records WHERE purchase_id = ?",
                    purchase.toString())).isEqualTo("HTTP 404 CARD_UNKNOWN");
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void oneSettlementClosesSeveralRowsAndReversesOnlyTheFailedOnes(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(directory, storage)) {
            servers.stopEmoney();
            String purse = DemoCards.EMONEY_CARD.cardNumber().digits();
            UUID delivered = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, purchase(CREDIT, purse, 2_000, 1, KIOSK))
                    .as(ValuePurchaseResponse.class).purchaseId();
            UUID failed = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, purchase(CREDIT, purse, 3_000, 2, KIOSK))
                    .as(ValuePurchaseResponse.class).purchaseId();
            UUID retried = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, purchase(CREDIT, purse, 4_000, 3, KIOSK))
                    .as(ValuePurchaseResponse.class).purchaseId();
            NotificationOutbox outbox = new NotificationOutbox(servers.credit.database());
            Instant now = servers.clock.instant().plusSeconds(1);
            List<UUID> reversed = new java.util.ArrayList<>();
            NotificationOutbox.OnFailed reverse = (connection, id, reason) -> {
                if (BillingReversal.reverse(connection, id, reason, now)) {
                    reversed.add(id);
                }
            };
            outbox.settle(List.of(new NotificationOutbox.Settlement(retried, State.DELIVERED, null, now)), now, reverse);

            List<Boolean> settled = outbox.settle(List.of(
                    new NotificationOutbox.Settlement(delivered, State.DELIVERED, null, now.plusSeconds(1)),
                    new NotificationOutbox.Settlement(failed, State.FAILED, "HTTP 404 CARD_UNKNOWN", now.plusSeconds(1)),
                    new NotificationOutbox.Settlement(retried, State.FAILED, "HTTP 404 CARD_UNKNOWN", now.plusSeconds(1))),
                    now, reverse);

            assertThat(settled).containsExactly(true, true, false);
            assertThat(reversed).containsExactly(failed);
            assertThat(outbox.find(delivered).state()).isEqualTo(State.DELIVERED);
            assertThat(outbox.find(failed).state()).isEqualTo(State.FAILED);
            assertThat(outbox.find(retried).state()).as("settled before: unchanged").isEqualTo(State.DELIVERED);
            assertThat(servers.credit(Long.class, "SELECT credit_used FROM card_accounts WHERE card_number = ?", CREDIT.digits()))
                    .isEqualTo(6_000);
        }
    }
}
