package com.valuekiosk.kiosk.client;

import static com.valuekiosk.kiosk.client.TestClients.EMONEY_CARD;
import static com.valuekiosk.kiosk.client.TestClients.SETTINGS;
import static com.valuekiosk.kiosk.client.TestClients.KIOSK;
import static com.valuekiosk.kiosk.client.TestClients.STRANGER;
import static com.valuekiosk.kiosk.client.TestClients.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credit company client against the real servers over mutual TLS 1.3. */
class CreditCompanyClientTest {

    /** The demo contact credit card's credit line (DEMO_CREDIT_LIMIT). */
    private static final long DEMO_CREDIT_LIMIT = 100_000;

    @TempDir
    Path directory;

    private TestServers servers;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private CreditCompanyClient credit;
    private EmoneyClient emoney;

    @BeforeEach
    void start() throws Exception {
        servers = TestServers.start(directory);
        credit = new CreditCompanyClient(servers.creditUri(), servers.terminalTls(KIOSK), SETTINGS, sleeper);
        emoney = new EmoneyClient(servers.emoneyUri(), servers.terminalTls(KIOSK), SETTINGS, sleeper);
    }

    @AfterEach
    void stop() throws Exception {
        credit.close();
        emoney.close();
        servers.close();
    }

    @Test
    void aPurchaseIsBilledAndItsValueIsAvailableForTheEmoneyCard() {
        ValuePurchaseRequest request = purchase(2_000, 1);

        Outcome<ValuePurchaseResponse> outcome = credit.purchase(request);

        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        ValuePurchaseResponse approved = ((Outcome.Success<ValuePurchaseResponse>) outcome).value();
        assertThat(approved.requestId()).isEqualTo(request.requestId());
        assertThat(approved.amount()).isEqualTo(2_000);
        assertThat(approved.currency()).isEqualTo("JPY");
        assertThat(approved.terminalId()).isEqualTo(KIOSK);
        assertThat(approved.maskedCardNumber()).endsWith("0013").doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());
        assertThat(approved.notification()).isEqualTo(ValuePurchaseResponse.Notification.DELIVERED);
        assertThat(servers.billed(request.requestId())).isEqualTo(1);

        Outcome<Availability> available = emoney.availability(
                new AvailabilityRequest(EMONEY_CARD, null));
        assertThat(available).isInstanceOf(Outcome.Success.class);
        Availability availability = ((Outcome.Success<Availability>) available).value();
        assertThat(availability.total()).isEqualTo(2_000);
        assertThat(availability.preparations()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aPurchaseOverTheQuotaIsRefusedWithQuotaExceededAndNotRetried() {
        ValuePurchaseRequest request = purchase(DEMO_CREDIT_LIMIT + 1, 1);

        Outcome<ValuePurchaseResponse> outcome = credit.purchase(request);

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        Outcome.Refused<ValuePurchaseResponse> refused = (Outcome.Refused<ValuePurchaseResponse>) outcome;
        assertThat(refused.httpStatus()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(servers.billed(request.requestId())).isZero();
    }

    @Test
    void theSamePurchaseSentTwiceAnswersTheSameApprovalAndBillsOnce() {
        ValuePurchaseRequest request = purchase(3_000, 7);

        Outcome<ValuePurchaseResponse> first = credit.purchase(request);
        Outcome<ValuePurchaseResponse> second = credit.purchase(request);

        assertThat(first).isInstanceOf(Outcome.Success.class);
        assertThat(second).isEqualTo(first);
        assertThat(servers.billed(request.requestId())).isEqualTo(1);
        assertThat(servers.available(EMONEY_CARD)).isEqualTo(3_000);
    }

    @Test
    void aPurchaseWhoseAnswerIsLostIsRetriedWithTheSameRequestIdAndBilledOnce() throws Exception {
        ValuePurchaseRequest request = purchase(1_500, 3);
        try (AnswerLosingProxy proxy = new AnswerLosingProxy(servers.creditPort(), () -> servers.billed(request.requestId()) > 0);
             CreditCompanyClient throughProxy = new CreditCompanyClient(proxy.uri(), servers.terminalTls(KIOSK),
                     SETTINGS, sleeper)) {

            Outcome<ValuePurchaseResponse> outcome = throughProxy.purchase(request);

            assertThat(proxy.answersLost()).isEqualTo(1);
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(outcome).isInstanceOf(Outcome.Success.class);
            assertThat(((Outcome.Success<ValuePurchaseResponse>) outcome).value().requestId()).isEqualTo(request.requestId());
            assertThat(sleeper.waits()).containsExactly(TestClients.BACKOFF.get(0));
            assertThat(servers.billed(request.requestId())).isEqualTo(1);
            // The stored answer, as a direct repeat gets it. Only its notification may differ: the retry
            // can arrive while the first copy is still delivering the notice (PENDING), a later repeat
            // finds it DELIVERED.
            Outcome<ValuePurchaseResponse> repeat = credit.purchase(request);
            assertThat(((Outcome.Success<ValuePurchaseResponse>) repeat).value())
                    .usingRecursiveComparison().ignoringFields("notification")
                    .isEqualTo(((Outcome.Success<ValuePurchaseResponse>) outcome).value());
        }
    }

    @Test
    void aServerNobodyListensOnIsUnknownAfterTheConfiguredRetriesAndTheRepeatIsSafe() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ValuePurchaseRequest request = purchase(2_500, 4);
        long started = System.nanoTime();
        Outcome<ValuePurchaseResponse> lost;
        try (CreditCompanyClient nowhere = new CreditCompanyClient(URI.create("https://127.0.0.1:" + closedPort),
                servers.terminalTls(KIOSK), SETTINGS, sleeper)) {
            lost = nowhere.purchase(request);
        }

        assertThat(lost).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown<ValuePurchaseResponse>) lost).reason()).contains("cannot connect").contains("3 attempts");
        assertThat(sleeper.waits()).isEqualTo(TestClients.BACKOFF);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        // The flow keeps the request and sends it again: once to the real server, then once more.
        Outcome<ValuePurchaseResponse> first = credit.purchase(request);
        Outcome<ValuePurchaseResponse> again = credit.purchase(request);
        assertThat(first).isInstanceOf(Outcome.Success.class);
        assertThat(again).isEqualTo(first);
        assertThat(servers.billed(request.requestId())).isEqualTo(1);
    }

    @Test
    void theOutcomeOfAPurchaseThatArrivedIsItsStoredApproval() {
        ValuePurchaseRequest request = purchase(2_000, 8);
        Outcome<ValuePurchaseResponse> approved = credit.purchase(request);

        Outcome<ValuePurchaseResponse> outcome = credit.purchaseOutcome(request.requestId());

        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        assertThat(((Outcome.Success<ValuePurchaseResponse>) outcome).value().purchaseId())
                .isEqualTo(((Outcome.Success<ValuePurchaseResponse>) approved).value().purchaseId());
        assertThat(servers.billed(request.requestId())).isEqualTo(1);
    }

    @Test
    void askingTheOutcomeOfAPurchaseThatNeverArrivedClosesItsRequestId() {
        ValuePurchaseRequest late = purchase(2_000, 9);

        Outcome<ValuePurchaseResponse> outcome = credit.purchaseOutcome(late.requestId());
        Outcome<ValuePurchaseResponse> arrivingAfterwards = credit.purchase(late);

        assertThat(((Outcome.Refused<ValuePurchaseResponse>) outcome).code()).isEqualTo(ErrorCode.PURCHASE_NOT_MADE);
        assertThat(((Outcome.Refused<ValuePurchaseResponse>) arrivingAfterwards).code()).isEqualTo(ErrorCode.PURCHASE_NOT_MADE);
        assertThat(servers.billed(late.requestId())).isZero();
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aTerminalOurCaKnowsButTheServerDoesNotIsRefused() {
        try (CreditCompanyClient stranger = new CreditCompanyClient(servers.creditUri(),
                servers.terminalTls(STRANGER), SETTINGS, sleeper)) {

            Outcome<ValuePurchaseResponse> outcome = stranger.purchase(purchase(1_000, 5));

            assertThat(outcome).isInstanceOf(Outcome.Refused.class);
            assertThat(((Outcome.Refused<ValuePurchaseResponse>) outcome).code()).isEqualTo(ErrorCode.UNKNOWN_CLIENT);
            assertThat(((Outcome.Refused<ValuePurchaseResponse>) outcome).httpStatus()).isEqualTo(403);
            assertThat(sleeper.waits()).isEmpty();
        }
    }
}
