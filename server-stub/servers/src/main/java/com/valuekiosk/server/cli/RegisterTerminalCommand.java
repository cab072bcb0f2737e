package com.valuekiosk.server.cli;

import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.SqlClientRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register-terminal", mixinStandardHelpOptions = true,
        description = "Register a kiosk with both servers, and issue its certificate from the development PKI unless --no-certificate.")
final class RegisterTerminalCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Parameters(paramLabel = "ID", description = "Terminal id: 8 characters, as in the kiosk's certificate.")
    String terminal;

    @Option(names = "--site", description = "Where the kiosk stands (default: ${DEFAULT-VALUE}).")
    String site = "unspecified site";

    @Option(names = "--no-certificate", description = "Only register; the certificate comes from elsewhere.")
    boolean noCertificate;

    @Override
    public Integer call() {
        PeerIdentity peer = new PeerIdentity(CertificateRole.TERMINAL, terminal);
        if (!noCertificate) {
            System.out.println("certificate: " + DevPki.load(locations.pki(), Locations.storePassword()).issueTerminal(terminal));
        }
        register(locations.credit().open("credit"), peer);
        register(locations.emoney().open("emoney"), peer);
        System.out.println("terminal " + terminal + " registered with both servers");
        return 0;
    }

    private void register(Database database, PeerIdentity peer) {
        register(database, peer, site);
    }

    /** Registers (or re-activates) {@code peer} in one server's database, then closes it. */
    static void register(Database database, PeerIdentity peer, String description) {
        try (database) {
            database.inTransaction(connection -> {
                SqlClientRegistry.register(connection, peer, description);
                return null;
            });
        }
    }
}
