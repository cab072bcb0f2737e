package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a purchase and a charge-up cost on the wire (issue "speed"): the APDUs each reader carries, by instruction,
 * and the requests the kiosk sends. Counted, not timed; a change that adds a command or a request fails here and
 * says which.
 */
class FlowCostTest {

    @TempDir
    Path directory;

    @Test
    void aPurchaseAndItsChargeUpTakeSixApdusAndFourRequests() throws Exception {
        DevPki pki = ServersFixture.pki(directory.resolve("pki"));
        try (KioskHarness kiosk = new KioskHarness(pki, directory, Storage.H2)) {
            List<String> contact = new ArrayList<>();
            List<String> contactless = new ArrayList<>();
            // A fault that never fires sees every command: a tap at the APDU boundary.
            kiosk.contact.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, command -> !contact.add(instruction(command)));
            kiosk.contactless.armFault(SimulatedReader.Fault.LOST_BEFORE_CARD, command -> !contactless.add(instruction(command)));
            String requests;
            try (LogCapture log = new LogCapture()) {
                PurchaseFlow purchase = kiosk.buy(1_000);
                assertThat(purchase.state()).isEqualTo(PurchaseFlow.State.APPROVED);
                ChargeUpFlow charge = kiosk.chargeUp();
                charge.readCard();
                assertThat(charge.confirm(true)).isEqualTo(ChargeUpFlow.State.COMPLETED);
                requests = String.join("\n", log.text().lines().filter(line -> line.contains(" TERMINAL/"))
                        .map(line -> line.replaceAll(".*?(credit|emoney) (POST|GET) (\\S+).*", "$1 $3")).toList());
            }

            assertThat(contact).as("credit card: SELECT (its answer carries the card data and says no purse shares the "
                    + "chip), VERIFY, AUTHORIZE").containsExactly("A4", "20", "AE");
            assertThat(contactless).as("purse: SELECT at the purchase (its answer carries the card data); the charge-up "
                    + "goes on in that session, the purse still selected: PROVE STATE, CREDIT").containsExactly("A4", "CC", "32");
            assertThat(requests.lines()).as(requests).containsExactly("credit /v1/purchases",
                    "emoney /v1/charges/availability", "emoney /v1/charges", "emoney /v1/charges/completions");
        }
    }

    private static String instruction(byte[] command) {
        return String.format("%02X", command[1]);
    }
}
