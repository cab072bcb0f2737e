package com.valuekiosk.card.issuer;

import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardProfile;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.MalformedResponseException;
import com.valuekiosk.card.host.Personalisation;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseProfile;
import com.valuekiosk.card.host.StatusWords;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code valuekiosk-cards personalise}: PUT DATA and ACTIVATE (APDU.md) on a blank card whose applets
 * are installed (LOADING.md), with card keys derived from the issuer master keys. It prints what it
 * did with masked card numbers; keys, the PIN and the APDUs never appear.
 */
@Command(name = "personalise", mixinStandardHelpOptions = true,
        description = {"Personalises a blank card in a PC/SC reader: card data, PIN and card keys, then ACTIVATE.",
                "The credit card's PIN is asked for on the console (no echo), or read as one line of standard input."})
final class PersonaliseCommand implements Callable<Integer> {

    enum Profile { credit, purse, combo }

    @ParentCommand
    ValueKioskCards parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--reader", required = true, paramLabel = "NAME", description = "PC/SC reader name, as `readers` lists it.")
    String readerName;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE",
            description = "credit, purse or combo (both applets on one chip).")
    Profile profile;

    @Option(names = "--issuer-keys", required = true, paramLabel = "FILE",
            description = "Issuer master keys: a properties file with purchaseCryptogram, purseCredit and purseDebit as 32 hex digits"
                    + " (the servers' --issuer-keys file).")
    Path issuerKeys;

    @Option(names = "--card-number", paramLabel = "DIGITS", description = "Card number, 16 digits (credit; purse for the purse profile).")
    String cardNumber;

    @Option(names = "--purse-card-number", paramLabel = "DIGITS", description = "Combo: the purse's card number, 16 digits.")
    String purseCardNumber;

    @Option(names = "--holder-name", paramLabel = "NAME", description = "Credit: holder name, printable ASCII as embossed.")
    String holderName;

    @Option(names = "--expiry", paramLabel = "YYYY-MM", description = "Credit: expiry month.")
    String expiry;

    @Option(names = "--max-balance", paramLabel = "AMOUNT", description = "Purse: maximum balance in the currency's minor unit.")
    Long maximumBalance;

    @Option(names = "--currency", paramLabel = "CODE", defaultValue = "JPY", description = "Purse: ISO 4217 currency (default: ${DEFAULT-VALUE}).")
    String currency;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            personalise(out);
            return 0;
        } catch (ValueKioskCards.Refusal e) {
            ValueKioskCards.report(err, e.getMessage());
            return 1;
        }
    }

    private void personalise(PrintWriter out) throws ValueKioskCards.Refusal {
        boolean credit = profile != Profile.purse;
        boolean purse = profile != Profile.credit;
        CreditCardProfile creditProfile = null;
        PurseProfile purseProfile = null;
        IssuerMasterKeys keys;
        try {
            if (purse) {
                purseProfile = purseProfile();
            }
            keys = IssuerKeysFile.read(issuerKeys);
        } catch (IllegalArgumentException e) {
            throw new ValueKioskCards.Refusal(CardNumber.maskAll(e.getMessage()));
        }
        CardTerminal reader = reader();
        requireCard(reader);
        if (credit) {
            // Asked for once the reader and the card are there, so that nobody types a PIN in vain.
            try {
                creditProfile = creditProfile();
            } catch (IllegalArgumentException e) {
                throw new ValueKioskCards.Refusal(CardNumber.maskAll(e.getMessage()));
            }
        }
        Card card = connect(reader);
        try {
            CardTransport transport = new PcscTransport(card.getBasicChannel());
            if (credit) {
                requireBlank("credit card", () -> new CreditCardApplication(transport).select());
            }
            if (purse) {
                requireBlank("purse", () -> new PurseApplication(transport).select());
            }
            if (credit) {
                Personalisation.personalise(transport, creditProfile, keys);
                ValueKioskCards.report(out, "credit card applet personalised and activated: card " + creditProfile.cardNumber().masked()
                        + ", holder " + creditProfile.holderName() + ", expiry " + creditProfile.expiry()
                        + ", PIN and purchase cryptogram key written");
            }
            if (purse) {
                Personalisation.personalise(transport, purseProfile, keys);
                ValueKioskCards.report(out, "purse applet personalised and activated: card " + purseProfile.cardNumber().masked()
                        + ", " + purseProfile.currency().getCurrencyCode() + ", balance 0, maximum " + purseProfile.maximumBalance()
                        + ", credit and debit keys written");
            }
        } catch (CardStatusException e) {
            throw new ValueKioskCards.Refusal("the card refused personalisation: " + e.getMessage()
                    + (e.sw() == CardProtocol.SW_WRONG_LIFE_CYCLE ? " — the card is already personalised" : ""));
        } catch (CardTransportException | MalformedResponseException e) {
            throw new ValueKioskCards.Refusal("personalisation stopped, the card may be half written: " + e.getMessage());
        } finally {
            try {
                card.disconnect(true);
            } catch (CardException e) {
                ValueKioskCards.report(spec.commandLine().getErr(), "could not reset the card: " + ValueKioskCards.rootMessage(e));
            }
        }
    }

    @FunctionalInterface
    private interface Selection {
        AppletInfo select() throws CardTransportException, CardStatusException;
    }

    /** Refuses before anything is written when an applet is missing or already operational. */
    private static void requireBlank(String applet, Selection selection) throws ValueKioskCards.Refusal, CardTransportException {
        AppletInfo info;
        try {
            info = selection.select();
        } catch (CardStatusException e) {
            throw new ValueKioskCards.Refusal("the " + applet + " applet is not installed on this card (SELECT answered "
                    + String.format("%04X", e.sw()) + ", " + StatusWords.describe(e.sw())
                    + "): load and install the CAP first, see card-applets/LOADING.md");
        } catch (MalformedResponseException e) {
            throw new ValueKioskCards.Refusal("the application answering the " + applet + " AID is not ours: " + e.getMessage());
        }
        if (info.operational()) {
            throw new ValueKioskCards.Refusal("the card is already personalised: its " + applet
                    + " applet is operational (life cycle 02) and refuses PUT DATA; nothing was written");
        }
    }

    private CardTerminal reader() throws ValueKioskCards.Refusal {
        List<CardTerminal> readers = parent.readers();
        for (CardTerminal reader : readers) {
            if (reader.getName().equals(readerName)) {
                return reader;
            }
        }
        throw new ValueKioskCards.Refusal("no reader named \"" + readerName + "\"; readers: "
                + readers.stream().map(r -> "\"" + r.getName() + "\"").collect(Collectors.joining(", ")));
    }

    private static void requireCard(CardTerminal reader) throws ValueKioskCards.Refusal {
        try {
            if (!reader.isCardPresent()) {
                throw new ValueKioskCards.Refusal("no card in the reader \"" + reader.getName() + "\"");
            }
        } catch (CardException e) {
            throw new ValueKioskCards.Refusal("cannot see the reader \"" + reader.getName() + "\": " + ValueKioskCards.rootMessage(e));
        }
    }

    private static Card connect(CardTerminal reader) throws ValueKioskCards.Refusal {
        try {
            return reader.connect("*");
        } catch (CardException e) {
            throw new ValueKioskCards.Refusal("cannot connect to the card in \"" + reader.getName() + "\": " + ValueKioskCards.rootMessage(e));
        }
    }

    private PurseProfile purseProfile() throws ValueKioskCards.Refusal {
        String number = profile == Profile.combo ? purseCardNumber : cardNumber;
        String numberOption = profile == Profile.combo ? "--purse-card-number" : "--card-number";
        require(number, numberOption);
        require(maximumBalance, "--max-balance");
        return new PurseProfile(CardNumber.of(number), Currency.getInstance(currency), maximumBalance, 0);
    }

    private CreditCardProfile creditProfile() throws ValueKioskCards.Refusal {
        require(cardNumber, "--card-number");
        require(holderName, "--holder-name");
        require(expiry, "--expiry");
        YearMonth month;
        try {
            month = YearMonth.parse(expiry);
        } catch (DateTimeParseException e) {
            throw new ValueKioskCards.Refusal("--expiry is YYYY-MM, e.g. 2030-12");
        }
        char[] pin = null;
        char[] again = null;
        try {
            pin = parent.pinSource().readPin("New card's PIN: ");
            again = parent.pinSource().readPin("The PIN again: ");
            if (pin == null || again == null) {
                throw new ValueKioskCards.Refusal("no PIN given: type it when asked, or give it as one line of standard input");
            }
            if (!Arrays.equals(pin, again)) {
                throw new ValueKioskCards.Refusal("the two PINs differ; nothing was written");
            }
            // The PIN try limit is the applet's install parameter (LOADING.md), not a personalisation item.
            return new CreditCardProfile(CardNumber.of(cardNumber), holderName, month, new String(pin), CardProtocol.PIN_TRY_LIMIT_DEFAULT);
        } catch (IOException e) {
            throw new ValueKioskCards.Refusal("cannot read the PIN: " + e.getMessage());
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    private static void require(Object value, String option) throws ValueKioskCards.Refusal {
        if (value == null) {
            throw new ValueKioskCards.Refusal("missing " + option + " for this profile");
        }
    }
}
