package com.valuekiosk.server.demo;

import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.emoney.EmoneyUsers;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The demo data of both servers in one call: the accounts of the demo card set
 * ({@code com.valuekiosk.card.host.DemoCards}), their e-money users, and the given terminals registered
 * with both servers. The {@code seed-demo} command and the kiosk's demo mode use it. Seeding again is
 * harmless: what is there already stays as it is.
 */
public final class DemoData {

    /** The terminal of every demo: the one the development PKI issues a certificate to first. */
    public static final String DEMO_TERMINAL = "KIOSK001";

    private DemoData() {
    }

    /** Opens both databases (migrating them if new), seeds them and closes them again. */
    public static void seed(DatabaseSettings credit, DatabaseSettings emoney, Collection<String> terminals) {
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(emoney, "emoney");
        List<String> registered = List.copyOf(terminals);
        try (Database creditDatabase = credit.open("credit")) {
            seedCredit(creditDatabase, registered);
        }
        try (Database emoneyDatabase = emoney.open("emoney")) {
            seedEmoney(emoneyDatabase, registered);
        }
    }

    /** The credit company server's side: card accounts and terminals, on an open (e.g. running) database. */
    public static void seedCredit(Database credit, Collection<String> terminals) {
        CardAccounts.seedDemo(Objects.requireNonNull(credit, "credit"), List.copyOf(terminals));
    }

    /** The e-money server's side: users of the demo purses and terminals, on an open (e.g. running) database. */
    public static void seedEmoney(Database emoney, Collection<String> terminals) {
        EmoneyUsers.seedDemo(Objects.requireNonNull(emoney, "emoney"), List.copyOf(terminals));
    }
}
