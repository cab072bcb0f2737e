package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.PreparationNotice;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-KI6: the same engine as a home terminal (FIG. 11) — only a contactless reader, no credit card
 * part — charges VALUE bought earlier at a kiosk, or prepared from points.
 */
class HomeTerminalTest {

    @TempDir
    Path directory;

    @Test
    void aHomeTerminalChargesValueFromPointsAndSellsNothing() throws Exception {
        DevPki pki = ServersFixture.pki(directory.resolve("pki"));
        try (ServersFixture servers = new ServersFixture(pki, directory.resolve("servers"), Storage.H2)) {
            // A points system prepares VALUE for the card (points redemption, "prepared the same way").
            assertThat(new com.valuekiosk.server.testing.ApiClient(
                    com.valuekiosk.pki.TlsContexts.create(pki.pointsSystemKeyStore("points"), pki.storePassword(), pki.trustStore()),
                    servers.emoneyUri()).post(ApiPaths.PREPARATIONS, new PreparationNotice(UUID.randomUUID(),
                    DemoCards.EMONEY_CARD.cardNumber().digits(), null, 800, "JPY", PreparationNotice.Source.POINTS)).status())
                    .isEqualTo(200);

            SimulatedReader reader = SimulatedReader.contactless();
            KioskTls tls = KioskTls.fromFiles(pki.terminalKeyStore(ServersFixture.KIOSK), pki.storePassword(), pki.trustStore());
            try (EmoneyClient emoney = new EmoneyClient(servers.emoneyUri(), tls, ClientSettings.defaults());
                 KioskEngine home = new KioskEngine(null, reader, null, emoney,
                         FileJournal.open(directory.resolve("home/journal.jsonl"), Clock.systemUTC()), KioskHarness.SETTINGS,
                         CardFingerprints.openOrCreate(directory.resolve("home/fingerprint.key")))) {
                assertThat(home.isHomeTerminal()).isTrue();
                assertThat(home.contactReader()).as("a home terminal has no contact reader").isEmpty();
                assertThat(home.contactlessReader()).isSameAs(reader);
                assertThatThrownBy(() -> home.purchase(false, new HostPinEntry(), state -> { }))
                        .isInstanceOf(IllegalStateException.class);

                reader.tap(KioskHarness.CARDS.purseCard(DemoCards.EMONEY_CARD));
                ChargeUpFlow charge = home.chargeUp(state -> { });
                assertThat(charge.readCard()).isEqualTo(ChargeUpFlow.State.AWAITING_CONFIRMATION);
                assertThat(charge.available()).isEqualTo(800);
                assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
                assertThat(charge.balanceAfter()).isEqualTo(1_800);
            }
        }
    }
}
