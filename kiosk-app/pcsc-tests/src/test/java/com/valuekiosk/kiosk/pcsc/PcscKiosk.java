package com.valuekiosk.kiosk.pcsc;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.flow.CardFingerprints;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.KioskSettings;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.HostPinEntry;
import com.valuekiosk.kiosk.reader.PcscReader;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A kiosk as a site runs it, on the real PC/SC stack: the engine's {@link PcscReader}s (as {@code SiteKiosk} makes
 * them) on the two vpcd readers of the tests' own {@link Pcscd}, the demo cards behind {@link VpcdCard} bridges,
 * both real servers on loopback over mutual TLS (H2), a journal on disk.
 */
final class PcscKiosk implements AutoCloseable {

    static final SimulatedCardFactory CARDS = new SimulatedCardFactory(IssuerMasterKeys.demo());
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    final Pcscd pcscd;
    final ServersFixture servers;
    final PcscReader contact = new PcscReader(Pcscd.CONTACT_READER, CardReader.Kind.CONTACT);
    final PcscReader contactless = new PcscReader(Pcscd.CONTACTLESS_READER, CardReader.Kind.CONTACTLESS);
    final Events contactEvents = new Events();
    final Events contactlessEvents = new Events();
    final VpcdCard creditCard;
    final VpcdCard emoneyCard;
    final KioskEngine engine;
    private final List<AutoCloseable> clients = new ArrayList<>();

    PcscKiosk(Pcscd pcscd, DevPki pki, Path directory) throws Exception {
        this.pcscd = pcscd;
        this.servers = new ServersFixture(pki, directory.resolve("servers"), Storage.H2);
        this.creditCard = new VpcdCard(CARDS.creditCard(DemoCards.CREDIT_CARD), pcscd.contactPort());
        this.emoneyCard = new VpcdCard(CARDS.purseCard(DemoCards.EMONEY_CARD), pcscd.contactlessPort());
        contact.addListener(contactEvents);
        contactless.addListener(contactlessEvents);
        contact.start();
        contactless.start();
        KioskTls tls = KioskTls.fromFiles(pki.terminalKeyStore(ServersFixture.KIOSK), pki.storePassword(), pki.trustStore());
        ClientSettings quick = ClientSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(8))
                .withRetryBackoff(List.of(Duration.ZERO));
        CreditCompanyClient credit = new CreditCompanyClient(servers.creditUri(), tls, quick);
        EmoneyClient emoney = new EmoneyClient(servers.emoneyUri(), tls, quick);
        clients.add(credit);
        clients.add(emoney);
        engine = new KioskEngine(contact, contactless, credit, emoney,
                FileJournal.open(directory.resolve("kiosk/journal.jsonl"), Clock.systemUTC()),
                new KioskSettings(new TerminalId(ServersFixture.KIOSK), SaleSettings.yen()),
                CardFingerprints.openOrCreate(directory.resolve("kiosk/fingerprint.key")));
    }

    /**
     * Both readers seen through pcscd (READER_FOUND on each), and empty. The readers outlive a test's kiosk: the
     * last test's cards left them when its kiosk closed, but pcscd learns that only at vpcd's next poll. Until
     * then a new kiosk's reader reports that card (CARD_INSERTED), and a test that then put its own card in
     * would take that event for its card's, and find no card a moment later.
     */
    void awaitReaders() throws InterruptedException {
        awaitEmpty(contact, contactEvents);
        awaitEmpty(contactless, contactlessEvents);
    }

    private static void awaitEmpty(PcscReader reader, Events events) throws InterruptedException {
        events.await(CardEvent.Type.READER_FOUND, EVENT_TIMEOUT);
        if (reader.isCardPresent()) {
            events.await(CardEvent.Type.CARD_REMOVED, EVENT_TIMEOUT);
        }
        // The old card's events, when a later poll already saw it go: this test's own come after this.
        events.drain();
    }

    /** Puts the card in (connects its bridge) and waits until the kiosk's reader saw it. */
    void insert(VpcdCard card) throws Exception {
        Events events = card == creditCard ? contactEvents : contactlessEvents;
        card.insert(EVENT_TIMEOUT);
        events.await(CardEvent.Type.CARD_INSERTED, EVENT_TIMEOUT);
    }

    /** Takes the card out and waits until the kiosk's reader saw it go. */
    void remove(VpcdCard card) throws Exception {
        Events events = card == creditCard ? contactEvents : contactlessEvents;
        card.remove();
        events.await(CardEvent.Type.CARD_REMOVED, EVENT_TIMEOUT);
    }

    /** Both demo cards in their readers, the purchase read up to PIN and amount; then the PIN and the amount. */
    PurchaseFlow buy(long amount) {
        PurchaseFlow flow = engine.purchase(false, new HostPinEntry(), state -> { });
        flow.readCreditCard();
        flow.readEmoneyCard();
        if (flow.state() != PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT) {
            throw new AssertionError("the cards were not read: " + flow.state() + " " + flow.failure());
        }
        flow.transmit(PinSource.of(DemoCards.PIN.toCharArray()), amount);
        return flow;
    }

    ChargeUpFlow chargeUp() {
        return engine.chargeUp(state -> { });
    }

    /** The purse's balance read on the simulated card itself (not through PC/SC); only while no flow runs. */
    static long balance(SimulatedCard card) throws Exception {
        PurseApplication purse = new PurseApplication(card);
        purse.select();
        long balance = purse.readCardData().balance();
        card.powerOff(); // leave it as the kiosk expects a card it powers up
        return balance;
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

    @Override
    public void close() throws Exception {
        engine.close();
        contact.close();
        contactless.close();
        creditCard.close();
        emoneyCard.close();
        for (AutoCloseable client : clients) {
            client.close();
        }
        servers.close();
    }
}
