package com.valuekiosk.card.issuer;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code valuekiosk-cards}: the card issuer's command line. Lists the PC/SC readers and personalises
 * blank cards (LOADING.md). The terminal factory and the PIN source come through the constructor so
 * that tests can put simulated cards behind a reader.
 */
@Command(name = "valuekiosk-cards", mixinStandardHelpOptions = true, version = "valuekiosk-cards 0.1.0",
        description = "Personalises ValueKiosk cards in a PC/SC reader.",
        subcommands = {ReadersCommand.class, PersonaliseCommand.class})
public final class ValueKioskCards implements Runnable {

    private final TerminalFactory terminalFactory;
    private final PinSource pinSource;

    @Spec
    CommandSpec spec;

    ValueKioskCards(TerminalFactory terminalFactory, PinSource pinSource) {
        this.terminalFactory = Objects.requireNonNull(terminalFactory, "terminalFactory");
        this.pinSource = Objects.requireNonNull(pinSource, "pinSource");
    }

    public static void main(String[] args) {
        System.exit(commandLine(TerminalFactory.getDefault(), PinSource.standard()).execute(args));
    }

    static CommandLine commandLine(TerminalFactory terminalFactory, PinSource pinSource) {
        return new CommandLine(new ValueKioskCards(terminalFactory, pinSource));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    PinSource pinSource() {
        return pinSource;
    }

    /** The readers PC/SC knows; a {@link Refusal} that says why when there are none. */
    List<CardTerminal> readers() throws Refusal {
        if ("None".equals(terminalFactory.getType())) {
            throw new Refusal("no PC/SC service: install and start pcscd (see card-applets/LOADING.md)");
        }
        List<CardTerminal> readers;
        try {
            readers = terminalFactory.terminals().list();
        } catch (CardException e) {
            throw new Refusal("no card reader connected (PC/SC: " + rootMessage(e) + ")");
        }
        if (readers.isEmpty()) {
            throw new Refusal("no card reader connected");
        }
        return readers;
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    static void report(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }

    /** The command cannot go on; the message says why in words, exit code 1. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }
}
