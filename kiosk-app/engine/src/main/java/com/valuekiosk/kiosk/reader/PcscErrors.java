package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransportException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code javax.smartcardio} failure means. The JDK wraps the PC/SC return code in a
 * {@code CardException} whose cause (an internal {@code PCSCException}) has the code's name as its message,
 * for example {@code SCARD_E_NO_READERS_AVAILABLE}; these helpers find that name and sort it.
 */
final class PcscErrors {

    private static final Pattern CODE = Pattern.compile("SCARD_[EWFP]_[A-Z_]+");

    /** The card left (or was reset under us): the command's outcome is unknown, the session is dead. */
    private static final Set<String> CARD_GONE = Set.of("SCARD_W_REMOVED_CARD", "SCARD_E_NO_SMARTCARD",
            "SCARD_W_RESET_CARD", "SCARD_W_UNPOWERED_CARD");

    /** No PC/SC service to talk to, or our context died with it (pcscd restarted). */
    private static final Set<String> NO_SERVICE = Set.of("SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED",
            "SCARD_E_INVALID_HANDLE", "SCARD_F_COMM_ERROR");

    /** The service runs; the reader is not there. */
    private static final Set<String> NO_READER = Set.of("SCARD_E_NO_READERS_AVAILABLE", "SCARD_E_UNKNOWN_READER",
            "SCARD_E_READER_UNAVAILABLE");

    private PcscErrors() {
    }

    /** The first PC/SC code name in the exception or its causes. */
    static Optional<String> code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                Matcher matcher = CODE.matcher(t.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group());
                }
            }
        }
        return Optional.empty();
    }

    static boolean isCardGone(Throwable failure) {
        return code(failure).filter(CARD_GONE::contains).isPresent();
    }

    static boolean isServiceUnavailable(Throwable failure) {
        return code(failure).filter(NO_SERVICE::contains).isPresent();
    }

    static boolean isNoReader(Throwable failure) {
        return code(failure).filter(NO_READER::contains).isPresent();
    }

    /** A short description for messages: the code name, or the exception's own message. */
    static String describe(Throwable failure) {
        return code(failure).orElseGet(() -> failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage());
    }

    /**
     * A command's exchange that broke off: pcsc-lite answers SCARD_E_NOT_TRANSACTED when the reader loses the card in
     * the middle of a command (measured over vpcd: the card pulled mid-command gives it or an empty answer, at
     * random). Whether the card executed the command is unknown, exactly as for SCARD_W_REMOVED_CARD, and the flows
     * settle it from the card's own state; so it is a removal.
     */
    static CardTransportException translateExchange(Exception failure, String readerName) {
        if (code(failure).filter("SCARD_E_NOT_TRANSACTED"::equals).isPresent()) {
            return new CardRemovedException("the exchange with the card on \"" + readerName + "\" broke off ("
                    + describe(failure) + "; taken away during it?)");
        }
        return translate(failure, readerName, "the command");
    }

    /** A failed card command: the card left ({@link CardRemovedException}) or the reader failed. */
    static CardTransportException translate(Exception failure, String readerName, String what) {
        if (isCardGone(failure)) {
            return new CardRemovedException("the card left \"" + readerName + "\" during " + what + " ("
                    + describe(failure) + ")");
        }
        return new ReaderException(what + " on \"" + readerName + "\" failed: " + describe(failure), failure);
    }

    /**
     * The JDK's own state checks: "Card has been removed" once it saw SCARD_W_REMOVED_CARD,
     * "Card has been disconnected" after {@code disconnect}.
     */
    static CardTransportException translate(IllegalStateException failure, String readerName) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("removed")) {
            return new CardRemovedException("the card left \"" + readerName + "\"; present it again");
        }
        return new ReaderException("the session on \"" + readerName + "\" is no longer usable: " + message, failure);
    }
}
