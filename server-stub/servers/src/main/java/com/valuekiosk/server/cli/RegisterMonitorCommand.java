package com.valuekiosk.server.cli;

import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.PeerIdentity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "register-monitor", mixinStandardHelpOptions = true,
        description = {"Register a monitoring system (a metrics scraper) with both servers, and issue its certificate",
            "from the development PKI unless --no-certificate. A monitor may read GET /metrics and GET /health, nothing else."})
final class RegisterMonitorCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Parameters(paramLabel = "NAME", description = "The monitor's name, as in its certificate: 1 to 64 letters, digits or hyphens.")
    String name;

    @Option(names = "--no-certificate", description = "Only register; the certificate comes from elsewhere.")
    boolean noCertificate;

    @Override
    public Integer call() {
        PeerIdentity peer = new PeerIdentity(CertificateRole.MONITOR, name);
        if (!noCertificate) {
            System.out.println("certificate: " + DevPki.load(locations.pki(), Locations.storePassword()).issueMonitor(name));
        }
        RegisterTerminalCommand.register(locations.credit().open("credit"), peer, "monitoring");
        RegisterTerminalCommand.register(locations.emoney().open("emoney"), peer, "monitoring");
        System.out.println("monitor " + name + " registered with both servers");
        return 0;
    }
}
