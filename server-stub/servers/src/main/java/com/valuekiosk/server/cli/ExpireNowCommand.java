package com.valuekiosk.server.cli;

import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.emoney.PreparationExpiry;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "expire-now", mixinStandardHelpOptions = true,
        description = "Refund every expired, unclaimed preparation of the e-money server to its user's bank account now.")
final class ExpireNowCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Override
    public Integer call() {
        try (Database emoney = locations.emoney().open("emoney")) {
            System.out.println(new PreparationExpiry(emoney, Clock.systemUTC()).expireNow() + " expired preparations refunded");
        }
        return 0;
    }
}
