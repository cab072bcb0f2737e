package com.valuekiosk.kiosk.reader;

import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's PC/SC for {@link PcscReader}: one PC/SC context (SCardEstablishContext), established when first
 * asked for and again after {@link #reset()} — which the reader calls when PC/SC says the service is gone
 * ({@code SCARD_E_NO_SERVICE}, {@code SCARD_E_INVALID_HANDLE} …: pcscd stopped or restarted). So pcscd may start
 * after the kiosk, stop, or restart under it, and the reader comes back by itself.
 *
 * <p>Why not the JDK's own provider: it establishes one context per JVM in a static field and never again. After
 * a pcscd restart every call of that JVM answers {@code SCARD_E_NO_SERVICE}, a fresh
 * {@code TerminalFactory.getInstance("PC/SC", null)} included (measured: no recovery within minutes, while other
 * programs see the readers at once). jnasmartcardio, a javax.smartcardio provider on JNA, establishes a new
 * context at every {@link TerminalFactory#terminals()}; measured on pcsc-lite 1.9.9, the readers are back in the
 * first poll after pcscd answers again (see {@code kiosk-app/pcsc-tests}).
 *
 * <p>Thread-safe; {@link #terminals()} answers at once (no PC/SC call waits here).
 */
public final class PcscContext implements PcscReader.TerminalsSource {

    private static final Logger LOG = LoggerFactory.getLogger(PcscContext.class);

    private final Object lock = new Object();
    private TerminalFactory factory; // guarded by lock; created at first use
    private CardTerminals current;   // guarded by lock; null until established, and after reset()

    @Override
    public Optional<CardTerminals> terminals() {
        synchronized (lock) {
            if (current != null) {
                return Optional.of(current);
            }
            try {
                if (factory == null) {
                    factory = TerminalFactory.getInstance("PC/SC", null, new Smartcardio());
                }
                current = factory.terminals();
                LOG.debug("PC/SC context established");
                return Optional.of(current);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the PC/SC provider could not start: " + PcscErrors.describe(e), e);
            } catch (LinkageError e) {
                // JNA found no libpcsclite.so.1 (or no native JNA for this machine).
                throw new IllegalStateException("libpcsclite not usable (install libpcsclite1): " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (PcscErrors.isServiceUnavailable(e)) {
                    return Optional.empty(); // pcscd not running (yet)
                }
                throw e;
            }
        }
    }

    /** Forgets (and releases) the context; the next {@link #terminals()} establishes a new one. */
    @Override
    public void reset() {
        CardTerminals old;
        synchronized (lock) {
            old = current;
            current = null;
        }
        if (old instanceof Smartcardio.JnaCardTerminals jna) {
            try {
                jna.close(); // SCardReleaseContext; fails harmlessly when the service that held it is gone
            } catch (Exception e) {
                LOG.debug("Releasing the old PC/SC context: {}", PcscErrors.describe(e));
            }
        }
    }
}
