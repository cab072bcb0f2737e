package com.valuekiosk.kiosk.ui;

import com.valuekiosk.card.host.CardNumber;
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
import com.valuekiosk.kiosk.flow.KioskSettings;
import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A kiosk on its real parts for the UI tests and the screenshot renderer, as the engine's KioskHarness
 * builds it: both servers on loopback over mutual TLS (H2), a journal on disk, a contact and a
 * contactless simulated reader, and the demo cards.
 */
public final class KioskRig implements AutoCloseable {

    public static final SimulatedCardFactory CARDS = new SimulatedCardFactory(IssuerMasterKeys.demo());
    public static final KioskSettings SETTINGS = new KioskSettings(new TerminalId(ServersFixture.KIOSK), SaleSettings.yen());

    public final Path directory;
    public final ServersFixture servers;
    public final SimulatedReader contact = SimulatedReader.contact();
    public final SimulatedReader contactless = SimulatedReader.contactless();
    public final SimulatedCard creditCard = CARDS.creditCard(DemoCards.CREDIT_CARD);
    public final SimulatedCard emoneyCard = CARDS.purseCard(DemoCards.EMONEY_CARD);
    public final KioskEngine engine;
    private final CreditCompanyClient credit;
    private final EmoneyClient emoney;

    public KioskRig(Path directory) throws Exception {
        this.directory = directory;
        DevPki pki = EmoneyFixture.sharedPki();
        servers = new ServersFixture(pki, directory.resolve("servers"), Storage.H2);
        KioskTls tls = KioskTls.fromFiles(pki.terminalKeyStore(ServersFixture.KIOSK), pki.storePassword(), pki.trustStore());
        ClientSettings quick = ClientSettings.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(8))
                .withRetryBackoff(List.of(Duration.ZERO));
        credit = new CreditCompanyClient(servers.creditUri(), tls, quick);
        emoney = new EmoneyClient(servers.emoneyUri(), tls, quick);
        engine = new KioskEngine(contact, contactless, credit, emoney,
                FileJournal.open(directory.resolve("kiosk/journal.jsonl"), Clock.systemUTC()), SETTINGS,
                CardFingerprints.openOrCreate(directory.resolve("kiosk/fingerprint.key")));
    }

    /** The credit card in the contact reader, the e-money card on the contactless one (FIG. 9B). */
    public KioskRig placeBothCards() {
        contact.insert(creditCard);
        contactless.tap(emoneyCard);
        return this;
    }

    /** The balance the purse on {@code card} holds (read straight from the card, as a second reader would). */
    public static long balanceOn(SimulatedCard card) throws Exception {
        PurseApplication purse = new PurseApplication(card);
        purse.select();
        return purse.readCardData().balance();
    }

    /** What the credit company billed the credit card {@code credit}: "e-money card number:amount", oldest first. */
    public List<String> billed(CardNumber credit) {
        String all = servers.credit(String.class, "SELECT LISTAGG(emoney_card_number || ':' || CAST(amount AS VARCHAR), ',') "
                + "WITHIN GROUP (ORDER BY billed_at) FROM billing_records WHERE card_number = ?", credit.digits());
        return all == null || all.isEmpty() ? List.of() : List.of(all.split(","));
    }

    /** Runs flows on the calling thread (the FX thread in tests) and delivers results at once: deterministic. */
    public static BackgroundWork currentThread() {
        return new BackgroundWork(Runnable::run, Runnable::run);
    }

    /** The kiosk's screens on this rig's engine, flows on the calling thread; build it on the FX thread. */
    public KioskUi kioskUi() {
        return new KioskUi(KioskFlows.of(engine), currentThread(), uiSettings());
    }

    public UiSettings uiSettings() {
        return UiSettings.yen(directory.resolve("receipts"));
    }

    @Override
    public void close() {
        engine.close();
        try {
            credit.close();
            emoney.close();
            servers.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("stopping the servers", e);
        }
    }
}
