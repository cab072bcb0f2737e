package com.valuekiosk.server.cli;

import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.emoney.StuckCharges;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stuck-charges", mixinStandardHelpOptions = true,
        description = {"List the e-money server's issued charges that are not settled; with --settle, cancel the stuck ones",
            "(their card proved a credit sequence below the charge's, so it never applied them) and offer their VALUE again,",
            "or with --refund refund it to the user's bank account now."})
final class StuckChargesCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Spec
    CommandSpec spec;

    @Option(names = "--settle", description = "Cancel every stuck charge; its VALUE waits for the card again.")
    boolean settle;

    @Option(names = "--refund", description = "With --settle: refund the cancelled charges' VALUE now instead.")
    boolean refund;

    @Override
    public Integer call() {
        if (refund && !settle) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--refund needs --settle");
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        try (Database emoney = locations.emoney().open("emoney")) {
            StuckCharges charges = new StuckCharges(emoney, Clock.systemUTC());
            List<StuckCharges.OpenCharge> open = charges.open();
            for (StuckCharges.OpenCharge charge : open) {
                out.printf("%d %s sequence %d card proved %s %d %s issued %s by %s: %s%n", charge.chargeId(), charge.maskedCard(),
                        charge.sequence(), charge.provenSequence() == null ? "nothing" : charge.provenSequence().toString(),
                        charge.amount(), charge.currency(), charge.issuedAt(), charge.terminalId(),
                        charge.stuck() ? "STUCK (never applied)" : "open (the card may still apply it)");
            }
            long stuck = open.stream().filter(StuckCharges.OpenCharge::stuck).count();
            out.println(open.size() + " open charges, " + stuck + " stuck");
            if (settle) {
                List<StuckCharges.OpenCharge> settled = charges.settle(refund);
                out.println(settled.size() + " stuck charges cancelled, their VALUE " + (refund ? "refunded" : "offered again"));
            }
        }
        return 0;
    }
}
