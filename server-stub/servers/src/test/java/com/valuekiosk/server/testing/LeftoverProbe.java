package com.valuekiosk.server.testing;

import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.emoney.EmoneyUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test JVM in miniature, started by {@code LeftoversTest}: makes the shared PKI and a PostgreSQL
 * database with the demo e-money users as the fixtures do, prints {@code ready <directory>
 * <postmaster pid>}, then either ends ({@code exit}) or waits to be killed ({@code wait}).
 */
public final class LeftoverProbe {

    private LeftoverProbe() {
    }

    public static void main(String[] args) throws Exception {
        EmoneyFixture.sharedPki();
        Path directory = TestDirectory.get();
        try (Database database = Storage.POSTGRES.fresh(directory, "emoney").open("emoney")) {
            EmoneyUsers.seedDemo(database, List.of(EmoneyFixture.KIOSK));
        }
        String pid = Files.readAllLines(directory.resolve("postgres").resolve("postmaster.pid")).get(0).trim();
        System.out.println("ready " + directory + " " + pid);
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            System.in.read();
        }
        System.exit(0);
    }
}
