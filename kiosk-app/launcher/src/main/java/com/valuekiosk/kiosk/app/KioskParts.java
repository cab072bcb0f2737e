package com.valuekiosk.kiosk.app;

import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.client.ClientSettings;
import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.kiosk.flow.CardFingerprints;
import com.valuekiosk.kiosk.flow.KioskSettings;
import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.health.HealthReporter;
import com.valuekiosk.kiosk.journal.FileJournal;
import com.valuekiosk.kiosk.reader.CardReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kiosk without its face, as demo and real mode both build it: the two server clients on one
 * {@link KioskTls}, the journal and the card fingerprint key in the data directory, and the engine on the
 * given readers. {@link #close()} closes the engine, then the clients, then the readers.
 */
public final class KioskParts implements AutoCloseable {

    public static final String JOURNAL_FILE = "journal.jsonl";
    public static final String FINGERPRINT_KEY_FILE = "fingerprint.key";

    /**
     * Where the parts go: a null {@code creditUrl} and {@code contactReader} make a home terminal (R-KI6);
     * {@code sale} is what the kiosk sells (the same object the screens show).
     */
    public record Plan(CardReader contactReader, CardReader contactlessReader, URI creditUrl, URI emoneyUrl,
                       KioskTls tls, String terminalId, Path dataDirectory, ClientSettings clientSettings,
                       SaleSettings sale) {

        public Plan {
            Objects.requireNonNull(contactlessReader, "contactlessReader");
            Objects.requireNonNull(emoneyUrl, "emoneyUrl");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(terminalId, "terminalId");
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(clientSettings, "clientSettings");
            Objects.requireNonNull(sale, "sale");
        }
    }

    private final Plan plan;
    private final CreditCompanyClient credit;
    private final EmoneyClient emoney;
    private final KioskEngine engine;
    private final HealthReporter health;

    private KioskParts(Plan plan, CreditCompanyClient credit, EmoneyClient emoney, KioskEngine engine, HealthReporter health) {
        this.plan = plan;
        this.credit = credit;
        this.emoney = emoney;
        this.engine = engine;
        this.health = health;
    }

    /**
     * Builds the engine; it settles what the last run left open in the background (Recovery), without waiting for it.
     * The kiosk reports its health to the e-money server a few seconds later and then every minute.
     */
    public static KioskParts assemble(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        List<AutoCloseable> made = new ArrayList<>();
        try {
            CreditCompanyClient credit = plan.creditUrl() == null ? null
                    : new CreditCompanyClient(plan.creditUrl(), plan.tls(), plan.clientSettings());
            if (credit != null) {
                made.add(credit);
            }
            EmoneyClient emoney = new EmoneyClient(plan.emoneyUrl(), plan.tls(), plan.clientSettings());
            made.add(emoney);
            FileJournal journal = FileJournal.open(plan.dataDirectory().resolve(JOURNAL_FILE), Clock.systemUTC());
            made.add(journal);
            KioskEngine engine = new KioskEngine(plan.contactReader(), plan.contactlessReader(), credit, emoney, journal,
                    new KioskSettings(new TerminalId(plan.terminalId()), plan.sale()),
                    CardFingerprints.openOrCreate(plan.dataDirectory().resolve(FINGERPRINT_KEY_FILE)));
            HealthReporter health = new HealthReporter(engine, credit, emoney, journal::bytesOnDisk, Clock.systemUTC(),
                    KioskMain.VERSION);
            health.start(HealthReporter.DEFAULT_INTERVAL);
            return new KioskParts(plan, credit, emoney, engine, health);
        } catch (RuntimeException | Error e) {
            java.util.Collections.reverse(made);
            Shutdown.closeAll(made);
            throw e;
        }
    }

    public KioskEngine engine() {
        return engine;
    }

    /** What the kiosk tells the e-money server of its state (readers, servers, open transactions, journal). */
    public HealthReporter health() {
        return health;
    }

    public Plan plan() {
        return plan;
    }

    /** Health reports, the engine (and its journal), then the clients, then the readers. */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>();
        order.add(health);
        order.add(engine);
        if (credit != null) {
            order.add(credit);
        }
        order.add(emoney);
        if (plan.contactReader() != null) {
            order.add(plan.contactReader());
        }
        order.add(plan.contactlessReader());
        Shutdown.closeAll(order);
    }
}
