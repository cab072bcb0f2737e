package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A kiosk on its real parts: both servers on loopback over mutual TLS, a journal on disk, two
 * simulated readers and the demo cards. {@link #restart()} is the process dying: a new engine on
 * the same journal, readers, cards and databases.
 */
final class KioskHarness implements AutoCloseable {

    static final SimulatedCardFactory CARDS = new SimulatedCardFactory(IssuerMasterKeys.demo());
    static final KioskSettings SETTINGS = new KioskSettings(new TerminalId(ServersFixture.KIOSK), SaleSettings.yen());

    final Path directory;
    final ServersFixture servers;
    final SimulatedReader contact = SimulatedReader.contact();
    final SimulatedReader contactless = SimulatedReader.contactless();
    final SimulatedCard creditCard = CARDS.creditCard(DemoCards.CREDIT_CARD);
    final SimulatedCard emoneyCard = CARDS.purseCard(DemoCards.EMONEY_CARD);
    final List<Object> states = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private URI creditUri;
    /** How often the next engine's background recovery runs. */
    Duration recoveryInterval = BackgroundRecovery.DEFAULT_INTERVAL;
    KioskEngine engine;
    /** The clients of the current engine. */
    CreditCompanyClient credit;
    EmoneyClient emoney;

    KioskHarness(DevPki pki, Path directory, Storage storage) throws Exception {
        this.directory = directory;
        this.servers = new ServersFixture(pki, directory.resolve("servers"), storage);
        this.creditUri = servers.creditUri();
        engine = newEngine();
    }

    KioskEngine newEngine() {
        DevPki pki = servers.pki;
        KioskTls tls = KioskTls.fromFiles(pki.terminalKeyStore(ServersFixture.KIOSK), pki.storePassword(), pki.trustStore());
        ClientSettings quick = ClientSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(8))
                .withRetryBackoff(List.of(Duration.ZERO));
        credit = new CreditCompanyClient(creditUri, tls, quick);
        emoney = new EmoneyClient(servers.emoneyUri(), tls, quick);
        clients.add(credit);
        clients.add(emoney);
        return new KioskEngine(contact, contactless, credit, emoney,
                FileJournal.open(directory.resolve("kiosk/journal.jsonl"), Clock.systemUTC()), SETTINGS,
                CardFingerprints.openOrCreate(directory.resolve("kiosk/fingerprint.key")), recoveryInterval);
    }

    /** The kiosk process dies and starts again; everything outside it stays as it was. */
    KioskEngine restart() {
        engine.close();
        engine = newEngine();
        return engine;
    }

    /** Points the kiosk at a credit company server that is not there (for the next engine). */
    void creditCompanyUnreachable() {
        creditUri = URI.create("https://127.0.0.1:" + ServersFixture.closedPort());
    }

    void creditCompanyReachable() {
        creditUri = servers.creditUri();
    }

    PurchaseFlow purchase() {
        return engine.purchase(false, new HostPinEntry(), states::add);
    }

    ChargeUpFlow chargeUp() {
        return engine.chargeUp(states::add);
    }

    static PinSource pin(String pin) {
        return PinSource.of(pin.toCharArray());
    }

    /** The demo cards placed (if they are not already) and read: the purchase screen waits for PIN and amount. */
    PurchaseFlow readyToTransmit() {
        if (contact.card().isEmpty()) {
            contact.insert(creditCard);
        }
        if (contactless.card().isEmpty()) {
            contactless.tap(emoneyCard);
        }
        PurchaseFlow flow = purchase();
        flow.readCreditCard();
        flow.readEmoneyCard();
        return flow;
    }

    /** Buys {@code amount} with the demo credit card for the demo e-money card; cards stay on the readers. */
    PurchaseFlow buy(long amount) {
        PurchaseFlow flow = readyToTransmit();
        flow.transmit(pin(DemoCards.PIN), amount);
        return flow;
    }

    long balance(SimulatedCard card) throws Exception {
        return purseData(card).balance();
    }

    static PurseData purseData(SimulatedCard card) throws Exception {
        PurseApplication purse = new PurseApplication(card);
        purse.select();
        return purse.readCardData();
    }

    /** Money conservation: billed = charged onto cards + still waiting on the e-money server + refunded. */
    void assertMoneyConserved(long cardIncrease) {
        long billed = servers.credit(Long.class, "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM billing_records");
        long waiting = servers.emoneyCount("SELECT COALESCE(SUM(amount), 0) FROM preparations WHERE state IN ('AVAILABLE', 'CHARGING')");
        long refunded = servers.emoneyCount("SELECT COALESCE(SUM(amount), 0) FROM refunds");
        long completed = servers.emoneyCount("SELECT COALESCE(SUM(amount), 0) FROM charges WHERE state = 'COMPLETED'");
        org.assertj.core.api.Assertions.assertThat(cardIncrease + waiting + refunded).as("billed = on cards + waiting + refunded")
                .isEqualTo(billed);
        org.assertj.core.api.Assertions.assertThat(completed).as("completed charges = what the cards received").isEqualTo(cardIncrease);
    }

    /** The live journal and its archives. */
    String journalText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(directory.resolve("kiosk"))) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith("journal")).sorted().toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    static CardNumber[] allCardNumbers() {
        return new CardNumber[] {DemoCards.CREDIT_CARD.cardNumber(), DemoCards.CONTACTLESS_CREDIT_CARD.cardNumber(),
            DemoCards.COMBO_CREDIT.cardNumber(), DemoCards.EMONEY_CARD.cardNumber(), DemoCards.COMBO_PURSE.cardNumber(),
            DemoCards.PHONE_PURSE.cardNumber()};
    }

    @Override
    public void close() throws Exception {
        engine.close();
        for (AutoCloseable client : clients) {
            client.close();
        }
        servers.close();
    }
}
