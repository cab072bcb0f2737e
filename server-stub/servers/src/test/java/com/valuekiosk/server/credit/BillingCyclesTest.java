package com.valuekiosk.server.credit;

import static com.valuekiosk.server.testing.ServersFixture.KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.credit.BillingCycles.StatementLine;
import com.valuekiosk.server.credit.CardAccounts.AccountType;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The monthly cutoff (FIG. 4B), on H2 and PostgreSQL. */
class BillingCyclesTest extends CreditServerTestBase {

    static final CardNumber CREDIT = DemoCards.CREDIT_CARD.cardNumber();
    static final CardNumber CONTACTLESS = DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber();
    static final CardNumber COMBO = DemoCards.COMBO_CREDIT.cardNumber();
    static final String PURSE = DemoCards.EMONEY_CARD.cardNumber().digits();
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    int atc;

    void buy(ServersFixture servers, ApiClient kiosk, CardNumber card, long amount, String at) {
        servers.clock.set(Instant.parse(at));
        ApiClient.Response response = kiosk.post(ApiPaths.PURCHASES, purchase(card, PURSE, amount, ++atc, KIOSK));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void cutoffTotalsEachCardsPurchasesOfTheMonth(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            buy(servers, kiosk, CREDIT, 2_000, "2026-11-01T00:00:00Z");
            buy(servers, kiosk, CREDIT, 3_000, "2026-11-24T10:00:00Z");
            buy(servers, kiosk, CONTACTLESS, 1_000, "2026-11-25T08:30:00Z");
            buy(servers, kiosk, COMBO, 5_000, "2026-11-30T23:59:59.999999Z");
            buy(servers, kiosk, CREDIT, 4_000, "2026-12-01T00:00:00Z");
            servers.clock.set(Instant.parse("2026-12-01T03:00:00Z"));
            BillingCycles billing = servers.credit.billing();

            assertThat(billing.closeCycle(NOVEMBER)).isEqualTo(4);

            List<StatementLine> november = billing.statement(NOVEMBER);
            Instant closed = Instant.parse("2026-12-01T03:00:00Z");
            assertThat(november).containsExactly(
                    new StatementLine(NOVEMBER, CREDIT, "JP-CREDIT-0001-0013", AccountType.CREDIT, 2, 5_000, closed),
                    new StatementLine(NOVEMBER, CONTACTLESS, "JP-CREDIT-0001-0021", AccountType.CREDIT, 1, 1_000, closed),
                    new StatementLine(NOVEMBER, COMBO, "JP-BANK-0001-2345678", AccountType.BANK, 1, 5_000, closed));
            assertThat(servers.credit(Long.class, "SELECT COUNT(*) FROM billing_records WHERE cycle IS NULL")).isEqualTo(1);

            // Closing again changes nothing.
            servers.clock.set(Instant.parse("2026-12-02T03:00:00Z"));
            assertThat(billing.closeCycle(NOVEMBER)).isZero();
            assertThat(billing.statement(NOVEMBER)).isEqualTo(november);

            assertThat(billing.closeCycle(DECEMBER)).isEqualTo(1);
            assertThat(billing.statement(DECEMBER)).containsExactly(new StatementLine(DECEMBER, CREDIT,
                    "JP-CREDIT-0001-0013", AccountType.CREDIT, 1, 4_000, Instant.parse("2026-12-02T03:00:00Z")));
            assertThat(billing.statement(YearMonth.of(2027, 1))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void purchaseOfAClosedMonthThatArrivesLateJoinsItsCycle(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            buy(servers, kiosk, CREDIT, 2_000, "2026-11-20T00:00:00Z");
            servers.clock.set(Instant.parse("2026-12-01T00:00:00Z"));
            BillingCycles billing = servers.credit.billing();
            billing.closeCycle(NOVEMBER);
            // Another instance, its clock a little behind, billed one more in November.
            buy(servers, kiosk, CREDIT, 500, "2026-11-30T23:59:58Z");
            servers.clock.set(Instant.parse("2026-12-01T01:00:00Z"));

            assertThat(billing.closeCycle(NOVEMBER)).isEqualTo(1);

            assertThat(billing.statement(NOVEMBER)).singleElement().satisfies(line -> {
                assertThat(line.purchaseCount()).isEqualTo(2);
                assertThat(line.total()).isEqualTo(2_500);
                assertThat(line.closedAt()).isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
                assertThat(line.card().toString()).isEqualTo("**** **** **** 0013");
            });
        }
    }
}
