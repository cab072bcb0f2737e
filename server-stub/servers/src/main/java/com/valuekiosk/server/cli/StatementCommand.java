package com.valuekiosk.server.cli;

import com.valuekiosk.server.credit.BillingCycles;
import com.valuekiosk.server.db.Database;
import java.time.Clock;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "Print the statement of a closed billing cycle: per card, the billing account, number of purchases and total.")
final class StatementCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The closed month.")
    YearMonth month;

    @Override
    public Integer call() {
        try (Database credit = locations.credit().open("credit")) {
            var lines = new BillingCycles(credit, Clock.systemUTC()).statement(month);
            System.out.printf("%-7s  %-19s  %-20s  %-6s  %9s  %12s%n", "cycle", "card", "billing account", "type", "purchases", "total");
            long total = 0;
            for (BillingCycles.StatementLine line : lines) {
                System.out.printf("%-7s  %-19s  %-20s  %-6s  %9d  %12d%n", line.cycle(), line.card().masked(), line.billingAccount(),
                        line.accountType(), line.purchaseCount(), line.total());
                total += line.total();
            }
            System.out.printf("%d cards, %d in all (minor units)%n", lines.size(), total);
        }
        return 0;
    }
}
