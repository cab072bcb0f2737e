package com.valuekiosk.server.cli;

import com.valuekiosk.server.demo.DemoData;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seed-demo", mixinStandardHelpOptions = true,
        description = "Register the demo cards (those of the simulated card set), their users and the given terminals in both databases.")
final class SeedDemoCommand implements Callable<Integer> {

    @Mixin
    Locations locations;

    @Option(names = "--terminal", paramLabel = "ID", split = ",", description = "Terminals to register (default: ${DEFAULT-VALUE}).")
    List<String> terminals = List.of(DemoData.DEMO_TERMINAL);

    @Override
    public Integer call() {
        seed(locations, terminals);
        System.out.println("demo data registered for terminals " + String.join(", ", terminals));
        return 0;
    }

    static void seed(Locations locations, List<String> terminals) {
        DemoData.seed(locations.credit(), locations.emoney(), terminals);
    }
}
