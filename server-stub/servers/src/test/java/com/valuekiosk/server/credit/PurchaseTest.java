package com.valuekiosk.server.credit;

import static com.valuekiosk.server.testing.ServersFixture.KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.OTHER_KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.server.credit.CardAccounts.AccountType;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.time.YearMonth;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** POST /v1/purchases over mutual TLS, with the e-money server behind it, on H2 and PostgreSQL. */
class PurchaseTest extends CreditServerTestBase {

    static final CardNumber CREDIT = DemoCards.CREDIT_CARD.cardNumber();
    static final CardNumber CONTACTLESS = DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber();
    static final CardNumber COMBO = DemoCards.COMBO_CREDIT.cardNumber();
    static final CardNumber PURSE = DemoCards.EMONEY_CARD.cardNumber();
    static final CardNumber COMBO_PURSE = DemoCards.COMBO_PURSE.cardNumber();

    @Override
    void assertLogIsClean(String log) {
        super.assertLogIsClean(log);
        assertThat(log).contains("credit POST /v1/purchases");
    }

    ServersFixture servers(Storage storage) throws Exception {
        return new ServersFixture(pki, directory, storage);
    }

    static long billed(ServersFixture servers) {
        return servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records");
    }

    static long creditUsed(ServersFixture servers, CardNumber card) {
        return servers.credit(Long.class, "SELECT credit_used FROM card_accounts WHERE card_number = ?", card.digits());
    }

    static ValuePurchaseRequest withCryptogram(ValuePurchaseRequest request, String cryptogram) {
        return new ValuePurchaseRequest(request.requestId(), request.cardNumber(), request.emoneyCardNumber(),
                request.amount(), request.currency(), request.atc(), cryptogram);
    }

    static ValuePurchaseRequest withRequestId(ValuePurchaseRequest request, UUID requestId) {
        return new ValuePurchaseRequest(requestId, request.cardNumber(), request.emoneyCardNumber(),
                request.amount(), request.currency(), request.atc(), request.cryptogram());
    }

    static void assertDeclined(ApiClient.Response response, ErrorCode code) {
        assertThat(response.status()).as(response.body()).isEqualTo(code.httpStatus());
        assertThat(response.error().code()).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void theOutcomeOfALostAnswerIsTheStoredAnswer(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);
            ApiClient.Response original = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, request);

            ApiClient.Response outcome = servers.terminal(KIOSK).post(ApiPaths.PURCHASE_OUTCOMES,
                    new com.valuekiosk.wire.PurchaseOutcomeRequest(request.requestId()));

            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.as(ValuePurchaseResponse.class).purchaseId())
                    .isEqualTo(original.as(ValuePurchaseResponse.class).purchaseId());
            assertThat(billed(servers)).isEqualTo(1);
            assertDeclined(servers.terminal(OTHER_KIOSK).post(ApiPaths.PURCHASE_OUTCOMES,
                    new com.valuekiosk.wire.PurchaseOutcomeRequest(request.requestId())), ErrorCode.REQUEST_ID_REUSED);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void askingTheOutcomeOfARequestThatNeverArrivedClosesItsId(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ValuePurchaseRequest late = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);

            ApiClient.Response outcome = servers.terminal(KIOSK).post(ApiPaths.PURCHASE_OUTCOMES,
                    new com.valuekiosk.wire.PurchaseOutcomeRequest(late.requestId()));
            assertDeclined(outcome, ErrorCode.PURCHASE_NOT_MADE);

            ApiClient.Response arrivingAfterwards = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, late);
            assertDeclined(arrivingAfterwards, ErrorCode.PURCHASE_NOT_MADE);
            assertThat(billed(servers)).isZero();
            assertThat(creditUsed(servers, CREDIT)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void approvedPurchaseIsBilledOnceAndPreparedOnTheEmoneyServer(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);

            ApiClient.Response response = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, request);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            ValuePurchaseResponse approved = response.as(ValuePurchaseResponse.class);
            assertThat(approved.requestId()).isEqualTo(request.requestId());
            assertThat(approved.amount()).isEqualTo(2_000);
            assertThat(approved.currency()).isEqualTo("JPY");
            assertThat(approved.maskedCardNumber()).isEqualTo("**** **** **** 0013");
            assertThat(approved.maskedEmoneyCardNumber()).isEqualTo("**** **** **** 0017");
            assertThat(approved.terminalId()).isEqualTo(KIOSK);
            assertThat(approved.billedAt()).isEqualTo(ServersFixture.START);
            assertThat(approved.notification()).isEqualTo(ValuePurchaseResponse.Notification.DELIVERED);
            assertThat(response.body()).doesNotContain(CREDIT.digits()).doesNotContain(PURSE.digits());

            assertThat(billed(servers)).isEqualTo(1);
            assertThat(creditUsed(servers, CREDIT)).isEqualTo(2_000);
            assertThat(servers.credit(String.class, "SELECT terminal_id FROM billing_records WHERE purchase_id = ?",
                    approved.purchaseId().toString())).isEqualTo(KIOSK);
            assertThat(servers.credit(String.class, "SELECT state FROM notification_outbox WHERE purchase_id = ?",
                    approved.purchaseId().toString())).isEqualTo("DELIVERED");
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void repeatedRequestGetsTheSameAnswerAndBillsOnce(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);

            ApiClient.Response first = kiosk.post(ApiPaths.PURCHASES, request);
            ApiClient.Response again = kiosk.post(ApiPaths.PURCHASES, request);

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(billed(servers)).isEqualTo(1);
            assertThat(creditUsed(servers, CREDIT)).isEqualTo(2_000);
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void sameRequestIdWithAnotherBodyIsRefused(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            UUID requestId = UUID.randomUUID();
            assertThat(kiosk.post(ApiPaths.PURCHASES, purchase(requestId, CREDIT, PURSE.digits(), 2_000, 1, KIOSK)).status())
                    .isEqualTo(200);

            ApiClient.Response reused = kiosk.post(ApiPaths.PURCHASES, purchase(requestId, CREDIT, PURSE.digits(), 3_000, 2, KIOSK));

            assertDeclined(reused, ErrorCode.REQUEST_ID_REUSED);
            assertThat(billed(servers)).isEqualTo(1);
            assertThat(creditUsed(servers, CREDIT)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void replayedAtcWithANewRequestIdIsDeclined(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 7, KIOSK);
            assertThat(kiosk.post(ApiPaths.PURCHASES, request).status()).isEqualTo(200);

            ApiClient.Response replayed = kiosk.post(ApiPaths.PURCHASES, withRequestId(request, UUID.randomUUID()));

            assertDeclined(replayed, ErrorCode.ATC_REPLAYED);
            assertThat(billed(servers)).isEqualTo(1);
            assertThat(creditUsed(servers, CREDIT)).isEqualTo(2_000);
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void tamperedCryptogramIsDeclinedAndDoesNotUseUpTheAtc(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest genuine = purchase(CREDIT, PURSE.digits(), 2_000, 3, KIOSK);
            byte[] flipped = Bytes.fromHex(genuine.cryptogram());
            flipped[5] ^= 0x10;

            ApiClient.Response forged = kiosk.post(ApiPaths.PURCHASES,
                    withRequestId(withCryptogram(genuine, Bytes.hex(flipped)), UUID.randomUUID()));

            assertDeclined(forged, ErrorCode.CRYPTOGRAM_INVALID);
            assertThat(billed(servers)).isZero();
            assertThat(creditUsed(servers, CREDIT)).isZero();
            assertThat(kiosk.post(ApiPaths.PURCHASES, genuine).status()).isEqualTo(200);
            assertThat(creditUsed(servers, CREDIT)).isEqualTo(2_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void cryptogramMadeForAnotherTerminalOrAmountIsDeclined(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest forOtherKiosk = purchase(CREDIT, PURSE.digits(), 2_000, 4, OTHER_KIOSK);
            ValuePurchaseRequest signedFor2000 = purchase(CREDIT, PURSE.digits(), 2_000, 5, KIOSK);
            ValuePurchaseRequest sentFor20000 = new ValuePurchaseRequest(UUID.randomUUID(), signedFor2000.cardNumber(),
                    signedFor2000.emoneyCardNumber(), 20_000, "JPY", signedFor2000.atc(), signedFor2000.cryptogram());

            assertDeclined(kiosk.post(ApiPaths.PURCHASES, forOtherKiosk), ErrorCode.CRYPTOGRAM_INVALID);
            assertDeclined(kiosk.post(ApiPaths.PURCHASES, sentFor20000), ErrorCode.CRYPTOGRAM_INVALID);

            assertThat(billed(servers)).isZero();
            assertThat(creditUsed(servers, CREDIT)).isZero();
            // The terminal the card signed for can use it (with its own request id: ids belong to their sender).
            assertThat(servers.terminal(OTHER_KIOSK).post(ApiPaths.PURCHASES, withRequestId(forOtherKiosk, UUID.randomUUID()))
                    .status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void purchaseOverTheQuotaIsDeclinedAndBillsNothing(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            assertThat(kiosk.post(ApiPaths.PURCHASES, purchase(CONTACTLESS, PURSE.digits(), 30_000, 1, KIOSK)).status())
                    .isEqualTo(200);
            ValuePurchaseRequest over = purchase(CONTACTLESS, PURSE.digits(), 20_001, 2, KIOSK);

            assertDeclined(kiosk.post(ApiPaths.PURCHASES, over), ErrorCode.QUOTA_EXCEEDED);

            assertThat(billed(servers)).isEqualTo(1);
            assertThat(creditUsed(servers, CONTACTLESS)).isEqualTo(30_000);
            // The declined cryptogram is spent; a fresh one for exactly the rest of the quota passes.
            assertDeclined(kiosk.post(ApiPaths.PURCHASES, withRequestId(over, UUID.randomUUID())), ErrorCode.ATC_REPLAYED);
            assertThat(kiosk.post(ApiPaths.PURCHASES, purchase(CONTACTLESS, PURSE.digits(), 20_000, 3, KIOSK)).status())
                    .isEqualTo(200);
            assertThat(creditUsed(servers, CONTACTLESS)).isEqualTo(CardAccounts.DEMO_CONTACTLESS_LIMIT);
            assertThat(servers.available(PURSE)).isEqualTo(50_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void bankCashCardDebitsTheBankBalance(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);

            ApiClient.Response approved = kiosk.post(ApiPaths.PURCHASES, purchase(COMBO, PURSE.digits(), 10_000, 1, KIOSK));
            ApiClient.Response declined = kiosk.post(ApiPaths.PURCHASES, purchase(COMBO, PURSE.digits(), 20_001, 2, KIOSK));

            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertDeclined(declined, ErrorCode.INSUFFICIENT_FUNDS);
            assertThat(servers.credit(Long.class, "SELECT bank_balance FROM card_accounts WHERE card_number = ?",
                    COMBO.digits())).isEqualTo(20_000);
            assertThat(creditUsed(servers, COMBO)).isZero();
            assertThat(billed(servers)).isEqualTo(1);
            assertThat(servers.available(PURSE)).isEqualTo(10_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void mappingVariantPreparesForThePurseLinkedToTheCreditCard(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ValuePurchaseRequest request = purchase(COMBO, ValuePurchaseRequest.MAPPED_EMONEY_CARD, 4_000, 1, KIOSK);

            ApiClient.Response response = servers.terminal(KIOSK).post(ApiPaths.PURCHASES, request);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            ValuePurchaseResponse approved = response.as(ValuePurchaseResponse.class);
            assertThat(approved.notification()).isEqualTo(ValuePurchaseResponse.Notification.DELIVERED);
            assertThat(servers.credit(String.class, "SELECT payload FROM notification_outbox WHERE purchase_id = ?",
                    approved.purchaseId().toString()))
                    .contains("\"creditCardNumber\":\"" + COMBO.digits() + "\"").contains("\"emoneyCardNumber\":null");
            assertThat(servers.available(COMBO_PURSE)).isEqualTo(4_000);
            assertThat(servers.available(PURSE)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void unknownBlockedAndExpiredCardsAreDeclined(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            CardAccounts.register(servers.credit.database(), EXPIRED.digits(), "OLD CARD", "JP-CREDIT-0001-0054",
                    AccountType.CREDIT, YearMonth.of(2026, 10), 100_000, null);
            CardAccounts.setStatus(servers.credit.database(), CREDIT.digits(), CardAccounts.Status.BLOCKED);

            assertDeclined(kiosk.post(ApiPaths.PURCHASES, purchase(UNREGISTERED, PURSE.digits(), 1_000, 1, KIOSK)),
                    ErrorCode.CARD_UNKNOWN);
            assertDeclined(kiosk.post(ApiPaths.PURCHASES, purchase(EXPIRED, PURSE.digits(), 1_000, 1, KIOSK)),
                    ErrorCode.CARD_NOT_ACTIVE);
            assertDeclined(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 1_000, 1, KIOSK)),
                    ErrorCode.CARD_NOT_ACTIVE);

            assertThat(billed(servers)).isZero();
            // Valid through the end of its expiry month.
            servers.clock.set(YearMonth.of(2026, 10).atEndOfMonth().atTime(23, 59).toInstant(java.time.ZoneOffset.UTC));
            assertThat(kiosk.post(ApiPaths.PURCHASES, purchase(EXPIRED, PURSE.digits(), 1_000, 2, KIOSK)).status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void otherCurrenciesAreDeclined(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            Currency dollars = Currency.getInstance("USD");
            PurchaseRequest signed = new PurchaseRequest(1_000, dollars, PURSE, new TerminalId(KIOSK));
            String cryptogram = Bytes.hex(PurchaseAuthorization.compute(
                    IssuerMasterKeys.demo().cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, CREDIT), CREDIT, signed, 1).cryptogram());

            ApiClient.Response inDollars = kiosk.post(ApiPaths.PURCHASES, new ValuePurchaseRequest(UUID.randomUUID(),
                    CREDIT.digits(), PURSE.digits(), 1_000, "USD", 1, cryptogram));
            ApiClient.Response notACurrency = kiosk.post(ApiPaths.PURCHASES, new ValuePurchaseRequest(UUID.randomUUID(),
                    CREDIT.digits(), PURSE.digits(), 1_000, "QQQ", 1, cryptogram));

            assertDeclined(inDollars, ErrorCode.CURRENCY_NOT_SUPPORTED);
            assertDeclined(notACurrency, ErrorCode.CURRENCY_NOT_SUPPORTED);
            assertThat(billed(servers)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void onlyRegisteredTerminalsMayBuy(Storage storage) throws Exception {
        try (ServersFixture servers = servers(storage)) {
            ValuePurchaseRequest fromStranger = purchase(CREDIT, PURSE.digits(), 1_000, 1, ServersFixture.STRANGER);
            ValuePurchaseRequest fromServer = purchase(CREDIT, PURSE.digits(), 1_000, 2, KIOSK);

            assertDeclined(servers.terminal(ServersFixture.STRANGER).post(ApiPaths.PURCHASES, fromStranger),
                    ErrorCode.UNKNOWN_CLIENT);
            assertDeclined(servers.emoneyServerOnCredit().post(ApiPaths.PURCHASES, fromServer), ErrorCode.FORBIDDEN_FOR_ROLE);

            assertThat(billed(servers)).isZero();
            assertThat(servers.terminal(KIOSK).get(ApiPaths.HEALTH).status()).isEqualTo(200);
        }
    }
}
