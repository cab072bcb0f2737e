package com.valuekiosk.server.credit;

import static com.valuekiosk.server.testing.ServersFixture.KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.ValuePurchaseRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Purchases racing on one card, on H2 and PostgreSQL: the quota holds, a request bills once. */
class ConcurrentPurchaseTest extends CreditServerTestBase {

    static final CardNumber CREDIT = DemoCards.CREDIT_CARD.cardNumber();
    static final CardNumber PURSE = DemoCards.EMONEY_CARD.cardNumber();


    /** Runs every task at once (released together) and returns their answers in order. */
    static List<ApiClient.Response> together(List<Callable<ApiClient.Response>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (Callable<ApiClient.Response> task : tasks) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void concurrentPurchasesOnOneCardNeverExceedItsQuota(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            assertThat(kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 30_000, 1, KIOSK)).status())
                    .isEqualTo(200);
            List<Callable<ApiClient.Response>> purchases = new ArrayList<>();
            for (int atc = 2; atc < 22; atc++) {
                ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 10_000, atc, KIOSK);
                purchases.add(() -> kiosk.post(ApiPaths.PURCHASES, request));
            }

            List<ApiClient.Response> answers = together(purchases);

            assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(7);
            assertThat(answers).filteredOn(answer -> answer.status() != 200)
                    .allSatisfy(answer -> assertThat(answer.error().code()).as(answer.body()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                    .hasSize(13);
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).isEqualTo(CardAccounts.DEMO_CREDIT_LIMIT);
            assertThat(servers.credit(Long.class, "SELECT CAST(SUM(amount) AS BIGINT) FROM billing_records WHERE card_number = ?",
                    CREDIT.digits())).isEqualTo(CardAccounts.DEMO_CREDIT_LIMIT);
            assertThat(PurchaseTest.billed(servers)).isEqualTo(8);
            assertThat(servers.credit(Long.class, "SELECT COUNT(*) FROM used_atcs")).isEqualTo(21);
            assertThat(servers.available(PURSE)).isEqualTo(CardAccounts.DEMO_CREDIT_LIMIT);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void copiesOfOneRequestArrivingTogetherBillOnce(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            ValuePurchaseRequest request = purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK);
            List<Callable<ApiClient.Response>> copies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                copies.add(() -> kiosk.post(ApiPaths.PURCHASES, request));
            }

            List<ApiClient.Response> answers = together(copies);

            assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
            assertThat(answers.stream().map(answer -> answer.as(com.valuekiosk.wire.ValuePurchaseResponse.class).purchaseId())
                    .distinct()).hasSize(1);
            assertThat(PurchaseTest.billed(servers)).isEqualTo(1);
            assertThat(PurchaseTest.creditUsed(servers, CREDIT)).isEqualTo(2_000);
            assertThat(servers.available(PURSE)).isEqualTo(2_000);
        }
    }
}
