package com.valuekiosk.card.issuer;

import java.util.concurrent.Callable;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code valuekiosk-cards readers}: one line per PC/SC reader, with whether a card is in it. */
@Command(name = "readers", mixinStandardHelpOptions = true, description = "Lists the PC/SC readers.")
final class ReadersCommand implements Callable<Integer> {

    @ParentCommand
    ValueKioskCards parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            for (CardTerminal reader : parent.readers()) {
                String card;
                try {
                    card = reader.isCardPresent() ? "card present" : "no card";
                } catch (CardException e) {
                    card = "state unknown: " + ValueKioskCards.rootMessage(e);
                }
                ValueKioskCards.report(spec.commandLine().getOut(), reader.getName() + "  (" + card + ")");
            }
            return 0;
        } catch (ValueKioskCards.Refusal e) {
            ValueKioskCards.report(spec.commandLine().getErr(), e.getMessage());
            return 1;
        }
    }
}
