package com.valuekiosk.server.cli;

import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.credit.CreditServer;
import com.valuekiosk.server.emoney.EmoneyServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the credit company server, the e-money server, or both in one process, until stopped (Ctrl-C or SIGTERM).")
final class RunCommand implements Callable<Integer> {

    enum Which { credit, emoney, both }

    @Mixin
    Locations locations;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WHICH", description = "credit, emoney or both (default: ${DEFAULT-VALUE}).")
    Which which = Which.both;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--credit-port", description = "Credit company server port (default: ${DEFAULT-VALUE}).")
    int creditPort = 8443;

    @Option(names = "--emoney-port", description = "E-money server port (default: ${DEFAULT-VALUE}).")
    int emoneyPort = 8444;

    @Option(names = "--emoney-url", paramLabel = "URL",
            description = "Where the credit company server reaches the e-money server (default: https://<host>:<emoney-port>).")
    URI emoneyUrl;

    @Option(names = "--currency", description = "The servers' currency, ISO 4217 (default: ${DEFAULT-VALUE}).")
    Currency currency = Currency.getInstance("JPY");

    @Option(names = "--preparation-validity", paramLabel = "DURATION",
            description = "How long prepared VALUE waits before it is refunded, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration preparationValidity = Duration.ofDays(30);

    @Option(names = "--demo", description = "Create the development PKI if missing and register the demo cards and terminal KIOSK001.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        if (demo) {
            DevPki.createOrLoad(locations.pki(), Locations.storePassword(), List.of("KIOSK001"));
            SeedDemoCommand.seed(locations, List.of("KIOSK001"));
        }
        DevPki pki = DevPki.load(locations.pki(), Locations.storePassword());
        IssuerMasterKeys keys = locations.issuerMasterKeys();
        char[] password = pki.storePassword();
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(running);
            stopped.countDown();
        }, "shutdown"));

        if (which != Which.credit) {
            EmoneyServer emoney = EmoneyServer.start(new EmoneyServer.Config(host, emoneyPort, locations.emoney(),
                    TlsContexts.create(pki.emoneyServerKeyStore(), password, pki.trustStore()), keys, currency,
                    preparationValidity, Duration.ofMinutes(1), Clock.systemUTC()));
            running.add(0, emoney);
            System.out.println("e-money server on https://" + host + ":" + emoney.port());
        }
        if (which != Which.emoney) {
            URI emoney = emoneyUrl != null ? emoneyUrl : URI.create("https://" + host + ":" + emoneyPort);
            CreditServer credit = CreditServer.start(new CreditServer.Config(host, creditPort, locations.credit(),
                    TlsContexts.create(pki.creditServerKeyStore(), password, pki.trustStore()), keys, currency, emoney,
                    TlsContexts.create(pki.creditServerKeyStore(), password, pki.trustStore()), Duration.ofSeconds(5),
                    Clock.systemUTC()).withOwnNoticeSenders());
            running.add(0, credit);
            System.out.println("credit company server on https://" + host + ":" + credit.port() + " (e-money server at " + emoney + ")");
        }
        stopped.await();
        return 0;
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (AutoCloseable server : running) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e.getMessage());
            }
        }
    }
}
