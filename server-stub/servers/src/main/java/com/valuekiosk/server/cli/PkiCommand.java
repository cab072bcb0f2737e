package com.valuekiosk.server.cli;

import com.valuekiosk.pki.DevPki;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Create the development PKI (CA, both server certificates, terminal certificates), or add terminals to it.")
final class PkiCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Option(names = "--terminal", paramLabel = "ID", split = ",",
            description = "Terminal ids to issue certificates for, 8 characters each (default: ${DEFAULT-VALUE}).")
    List<String> terminals = List.of("KIOSK001");

    @Option(names = "--points-system", paramLabel = "NAME", description = "Also issue a client certificate for a points system.")
    String pointsSystem;

    @Override
    public Integer call() {
        DevPki pki = DevPki.createOrLoad(locations.pki(), Locations.storePassword(), terminals);
        if (pointsSystem != null) {
            pki.issuePointsSystem(pointsSystem);
        }
        System.out.println("PKI in " + pki.directory());
        System.out.println("  CA certificate: " + pki.caCertificatePem());
        System.out.println("  trust store:    " + pki.trustStore());
        for (String terminal : terminals) {
            System.out.println("  terminal " + terminal + ": " + pki.terminalKeyStore(terminal));
        }
        return 0;
    }
}
