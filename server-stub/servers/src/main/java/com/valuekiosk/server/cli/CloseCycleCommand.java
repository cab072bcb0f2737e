package com.valuekiosk.server.cli;

import com.valuekiosk.server.credit.BillingCycles;
import com.valuekiosk.server.db.Database;
import java.time.Clock;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "close-cycle", mixinStandardHelpOptions = true,
        description = "Close a monthly billing cycle of the credit company server: total each card's purchases (safe to run twice).")
final class CloseCycleCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month to close.")
    YearMonth month;

    @Override
    public Integer call() {
        try (Database credit = locations.credit().open("credit")) {
            int records = new BillingCycles(credit, Clock.systemUTC()).closeCycle(month);
            System.out.println("cycle " + month + " closed: " + records + " billing records totalled");
        }
        return 0;
    }
}
