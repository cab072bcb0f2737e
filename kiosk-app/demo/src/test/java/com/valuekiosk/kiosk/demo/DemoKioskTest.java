package com.valuekiosk.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.app.ServerProbe;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.LogCapture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo composition without its window: servers, PKI, readers, cards and engine, working together. */
class DemoKioskTest {

    @TempDir
    Path data;

    @Test
    void theComposedDemoAnswersABalanceInquiryAndSellsAndChargesValue() throws Exception {
        try (LogCapture log = new LogCapture(); DemoKiosk kiosk = DemoKiosk.start(data, Locale.JAPAN)) {
            assertThat(kiosk.probeServers()).extracting(ServerProbe.Result::up).containsExactly(true, true);
            assertThat(data.resolve("pki/terminal-KIOSK001.p12")).exists();
            assertThat(data.resolve("servers/credit.mv.db")).exists();
            assertThat(kiosk.fullScreen()).isFalse();
            assertThat(kiosk.uiSettings().kioskMode()).as("a window beside its card panel, not kiosk mode").isFalse();
            assertThat(kiosk.uiSettings().startLocale()).isEqualTo(Locale.JAPAN);

            BalanceInquiryFlow balance = kiosk.parts().engine().balanceInquiry(state -> { });
            assertThat(balance.readCard()).isEqualTo(BalanceInquiryFlow.State.SHOWING_BALANCE);
            assertThat(balance.balance().balance()).isEqualTo(DemoCards.EMONEY_CARD.initialBalance());
            assertThat(balance.balance().maskedCard()).endsWith("0017");

            // FIG. 9B then 10A-10C on the cards the demo placed, against the embedded servers.
            List<PurchaseFlow.State> purchaseStates = new ArrayList<>();
            PurchaseFlow purchase = kiosk.parts().engine().purchase(false, new HostPinEntry(), purchaseStates::add);
            purchase.readCreditCard();
            purchase.readEmoneyCard();
            assertThat(purchase.transmit(PinSource.of(DemoCards.PIN.toCharArray()), 2_000))
                    .isEqualTo(PurchaseFlow.State.APPROVED);
            ChargeUpFlow chargeUp = kiosk.parts().engine().chargeUp(state -> { });
            assertThat(chargeUp.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
            assertThat(chargeUp.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
            BalanceInquiryFlow after = kiosk.parts().engine().balanceInquiry(state -> { });
            after.readCard();
            assertThat(after.balance().balance()).isEqualTo(DemoCards.EMONEY_CARD.initialBalance() + 2_000);

            String written = log.unmaskedText();
            for (String number : List.of(DemoCards.CREDIT_CARD.cardNumber().digits(),
                    DemoCards.EMONEY_CARD.cardNumber().digits())) {
                assertThat(written).as("full card number in the log").doesNotContain(number);
            }
            assertThat(written).doesNotContain(DevPki.DEFAULT_PASSWORD);
        }
    }

    @Test
    void aSecondStartForgetsTheFirstStartsSalesButKeepsThePki() throws Exception {
        byte[] ca;
        try (DemoKiosk first = DemoKiosk.start(data, Locale.US)) {
            ca = Files.readAllBytes(data.resolve("pki/ca.crt.pem"));
            PurchaseFlow purchase = first.parts().engine().purchase(false, new HostPinEntry(), state -> { });
            purchase.readCreditCard();
            purchase.readEmoneyCard();
            assertThat(purchase.transmit(PinSource.of(DemoCards.PIN.toCharArray()), 1_000))
                    .isEqualTo(PurchaseFlow.State.APPROVED);
        }
        try (DemoKiosk second = DemoKiosk.start(data, Locale.US)) {
            assertThat(Files.readAllBytes(data.resolve("pki/ca.crt.pem"))).isEqualTo(ca);
            assertThat(second.parts().engine().journal().entries()).isEmpty();
            ChargeUpFlow chargeUp = second.parts().engine().chargeUp(state -> { });
            assertThat(chargeUp.readCard()).as("nothing waits for the new card").isNotEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
        }
    }

    @Test
    void theTechniciansChecksPassOnTheDemoCardsAndServers() throws Exception {
        try (DemoKiosk kiosk = DemoKiosk.start(data, Locale.US)) {
            com.valuekiosk.kiosk.app.Composition.AttendantDiagnostics technician = kiosk.diagnostics().orElseThrow();
            com.valuekiosk.kiosk.diagnostics.report.DiagnosticReport report = technician.engine().runAll(10,
                    com.valuekiosk.kiosk.diagnostics.DiagnosticListener.NONE);
            // Readers; ATR, applets and timing of each demo card on them; both servers.
            assertThat(report.results()).hasSize(1 + 2 * 3 + 2);
            assertThat(report.results()).allSatisfy(result -> assertThat(result.verdict()).as(result.summary())
                    .isEqualTo(com.valuekiosk.kiosk.diagnostics.Verdict.PASS));
            assertThat(technician.reports()).isEqualTo(data.resolve("kiosk/diagnostics"));
        }
    }

    @Test
    void oneDemoPerDataDirectory() throws Exception {
        try (DemoKiosk running = DemoKiosk.start(data, Locale.JAPAN)) {
            assertThatThrownBy(() -> DemoKiosk.start(data, Locale.JAPAN))
                    .hasMessageContaining("another demo kiosk is running on " + data);
            assertThat(running.probeServers()).allMatch(ServerProbe.Result::up);
        }
    }

    @Test
    void theDemoDataDirectoryFollowsXdg() {
        assertThat(DemoKiosk.defaultDataDirectory("/srv/xdg", "/home/u")).isEqualTo(Path.of("/srv/xdg/valuekiosk/demo"));
        assertThat(DemoKiosk.defaultDataDirectory(null, "/home/u")).isEqualTo(Path.of("/home/u/.local/share/valuekiosk/demo"));
    }

    @Test
    void behindTheMenuTheServersStartWhenTheWindowIsShownAndAPurchaseMadeBeforeWaitsForThem() throws Exception {
        try (DemoKiosk kiosk = DemoKiosk.start(data, Locale.US, DemoKiosk.ServerStart.BEHIND_MENU)) {
            assertThat(data.resolve("servers/credit.mv.db")).as("no server started before the window").doesNotExist();
            PurchaseFlow purchase = kiosk.parts().engine().purchase(false, new HostPinEntry(), state -> { });
            purchase.readCreditCard();
            purchase.readEmoneyCard();
            // Its connection is accepted by the bound port's backlog and waits there for the server.
            CompletableFuture<PurchaseFlow.State> transmitted = CompletableFuture.supplyAsync(
                    () -> purchase.transmit(PinSource.of(DemoCards.PIN.toCharArray()), 1_000));
            assertThat(transmitted).as("the credit company server is not up").isNotDone();

            kiosk.windowShown();

            assertThat(transmitted.get(60, TimeUnit.SECONDS)).isEqualTo(PurchaseFlow.State.APPROVED);
            assertThat(kiosk.probeServers()).extracting(ServerProbe.Result::up).containsExactly(true, true);
        }
    }

    @Test
    void theSelfChecksProbeStartsServersThatWaitForTheMenu() throws Exception {
        try (DemoKiosk kiosk = DemoKiosk.start(data, Locale.US, DemoKiosk.ServerStart.BEHIND_MENU)) {
            assertThat(kiosk.probeServers()).extracting(ServerProbe.Result::up).containsExactly(true, true);
        }
    }

    @Test
    void aDemoClosedBeforeItsServersStartedFreesTheirPortsAndItsDataDirectory() throws Exception {
        int creditPort;
        try (DemoKiosk kiosk = DemoKiosk.start(data, Locale.US, DemoKiosk.ServerStart.BEHIND_MENU)) {
            creditPort = kiosk.servers().creditUri().getPort();
        }
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", creditPort), 2_000))
                    .isInstanceOf(ConnectException.class);
        }
        try (DemoKiosk again = DemoKiosk.start(data, Locale.US)) {
            assertThat(again.probeServers()).allMatch(ServerProbe.Result::up);
        }
    }
}
