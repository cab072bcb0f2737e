package com.valuekiosk.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code valuekiosk-servers}: the command line of both servers. Exit codes: 0 done, 1 failed
 * (the message says why), 2 wrong usage.
 */
@Command(name = "valuekiosk-servers", mixinStandardHelpOptions = true, version = "ValueKiosk servers 0.1.0",
        description = "The credit company server and the e-money server of ValueKiosk.",
        subcommands = {PkiCommand.class, RunCommand.class, SeedDemoCommand.class, RegisterTerminalCommand.class,
            CloseCycleCommand.class, StatementCommand.class, ExpireNowCommand.class, StuckChargesCommand.class,
            RegisterMonitorCommand.class, TerminalsCommand.class})
public final class ServersCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ServersCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            // One clear line for people; no stack trace (the servers log those where they happen).
            line.getErr().println("valuekiosk-servers: " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }
}
