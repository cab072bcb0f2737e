package com.valuekiosk.kiosk.pcsc;

import com.valuekiosk.card.sim.SimulatedCard;
import com.valuekiosk.kiosk.simulated.SimulatedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Our bridge: a {@link SimulatedCard} (our applets on jcardsim, personalised as a demo card) behind vsmartcard's
 * vpcd, the virtual reader driver inside a real {@code pcscd}. Connecting is putting the card in the reader,
 * closing the socket is taking it out.
 *
 * <p>The vpcd protocol (vsmartcard's {@code vpcd.c} and "Creating a virtual smart card"): the card side connects to
 * the driver's TCP port; every message either way is a 2-byte big-endian length and that many bytes. From vpcd, a
 * 1-byte message is a control code — 0 power off, 1 power on, 2 reset (no answer to these three), 4 get ATR (answer
 * the ATR) — and a longer one a command APDU, answered with the response APDU.
 *
 * <p>Tearing: {@link #tear(Tear, Predicate)} arms a one-shot fault for the next command that matches, at the APDU
 * boundary as the simulated readers model it (jcardsim cannot roll a transaction back): the card leaves before it
 * saw the command ({@link Tear#BEFORE_CARD}), or after it executed it and before its answer left
 * ({@link Tear#ANSWER_LOST}). Either way the socket closes while pcscd waits for the answer — a card pulled out
 * of the field mid-command. The card loses power (its selection and PIN state) whenever it leaves.
 */
final class VpcdCard implements AutoCloseable {

    enum Tear { BEFORE_CARD, ANSWER_LOST }

    private static final int POWER_OFF = 0;
    private static final int POWER_ON = 1;
    private static final int RESET = 2;
    private static final int GET_ATR = 4;

    private final SimulatedCard card;
    private final byte[] atr;
    private final int port;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong cardNanos = new AtomicLong();
    private final Object lock = new Object();
    // Guarded by lock.
    private Socket socket;
    private Thread serving;
    private boolean left; // the card was in the reader and left it
    private Predicate<byte[]> tearWhen;
    private Tear tear;
    private CompletableFuture<byte[]> torn = new CompletableFuture<>();

    VpcdCard(SimulatedCard card, int port) {
        this.card = Objects.requireNonNull(card, "card");
        this.atr = SimulatedReader.atrOf(card.formFactor());
        this.port = port;
    }

    SimulatedCard card() {
        return card;
    }

    /** Commands the card answered through vpcd since it was made. */
    long commands() {
        return commands.get();
    }

    /** Time the simulated card itself spent on those commands (jcardsim), in nanoseconds. */
    long cardNanos() {
        return cardNanos.get();
    }

    /**
     * Puts the card in the reader: connects to vpcd, retrying while the driver is not listening yet (pcscd just
     * started), up to {@code timeout}. A card that was in the reader before is first seen gone by pcscd
     * ({@link #letPcscdSeeTheReaderEmpty}).
     */
    void insert(Duration timeout) throws IOException, InterruptedException {
        boolean wasHere;
        synchronized (lock) {
            if (socket != null) {
                throw new IllegalStateException("the card is already in the reader");
            }
            wasHere = left;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (wasHere) {
            letPcscdSeeTheReaderEmpty(deadline);
        }
        Socket connected = connect(deadline);
        connected.setTcpNoDelay(true);
        synchronized (lock) {
            socket = connected;
            left = false;
            Socket mine = connected;
            serving = new Thread(() -> serve(mine), "vpcd-card-" + card.label());
            serving.setDaemon(true);
            serving.start();
        }
    }

    /**
     * vpcd learns whether a card is there only when pcscd polls it (every 400 ms): it accepts a waiting connection
     * and asks for the ATR. A card put back before that poll would be taken for the card that never left — and
     * after a reset that failed because the card had gone (the kiosk's disconnect after a tear), pcscd would then
     * report the reader empty while a card is in it. So, as a card really stays away for a moment: an empty
     * connection lets vpcd's next poll find no card (it asks for the ATR and gets no answer), and only then is the
     * card put back. Waits for that poll, not for a fixed time.
     */
    private void letPcscdSeeTheReaderEmpty(long deadline) throws IOException, InterruptedException {
        try (Socket probe = connect(deadline)) {
            long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            probe.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
            DataInputStream in = new DataInputStream(probe.getInputStream());
            int length = in.readUnsignedShort(); // vpcd's presence poll: GET ATR
            in.readFully(new byte[length]);
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("vpcd on port " + port + " did not poll for a card in time", e);
        }
    }

    private Socket connect(long deadline) throws IOException, InterruptedException {
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("vpcd does not listen on port " + port, refused);
                }
                // pcscd is still starting and has not loaded the driver: no event to wait on but the port itself.
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    /** Takes the card out: closes the connection (vpcd reports no card) and waits for the bridge to stop. */
    void remove() throws InterruptedException {
        Thread stopping;
        synchronized (lock) {
            stopping = serving;
            closeSocket();
        }
        if (stopping != null && stopping != Thread.currentThread()) {
            stopping.join(5_000);
        }
    }

    boolean isInserted() {
        synchronized (lock) {
            return socket != null;
        }
    }

    /**
     * Arms a one-shot tear for the next command that {@code when} accepts; the future completes with that command
     * when the card has left.
     */
    CompletableFuture<byte[]> tear(Tear how, Predicate<byte[]> when) {
        synchronized (lock) {
            tear = Objects.requireNonNull(how, "how");
            tearWhen = Objects.requireNonNull(when, "when");
            torn = new CompletableFuture<>();
            return torn;
        }
    }

    /** Commands whose INS byte is {@code ins}. */
    static Predicate<byte[]> instruction(byte ins) {
        return command -> command.length >= 4 && command[1] == ins;
    }

    private void serve(Socket connection) {
        try {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = in.readUnsignedShort();
                byte[] message = new byte[length];
                in.readFully(message);
                if (length == 1) {
                    control(message[0] & 0xFF, out);
                    continue;
                }
                Tear firing = takeTear(message);
                if (firing == Tear.BEFORE_CARD) {
                    leave(connection, message);
                    return;
                }
                long start = System.nanoTime();
                byte[] answer = card.transmit(message);
                cardNanos.addAndGet(System.nanoTime() - start);
                commands.incrementAndGet();
                if (firing == Tear.ANSWER_LOST) {
                    leave(connection, message);
                    return;
                }
                send(out, answer);
            }
        } catch (EOFException | java.net.SocketException closed) {
            // vpcd closed the connection (pcscd stopped), or remove() closed it
        } catch (IOException e) {
            // the same: the card is out of the reader
        } finally {
            synchronized (lock) {
                if (socket == connection) {
                    closeSocket();
                }
            }
            card.powerOff();
        }
    }

    private void control(int code, OutputStream out) throws IOException {
        switch (code) {
            case POWER_OFF, RESET -> card.powerOff(); // selection and PIN state are gone
            case POWER_ON -> {
                // a fresh power-up: nothing selected, as after power off
            }
            case GET_ATR -> send(out, atr);
            default -> throw new IOException("unknown vpcd control code " + code);
        }
    }

    private Tear takeTear(byte[] command) {
        synchronized (lock) {
            if (tear != null && tearWhen.test(command)) {
                Tear firing = tear;
                tear = null;
                tearWhen = null;
                return firing;
            }
            return null;
        }
    }

    private void leave(Socket connection, byte[] command) {
        CompletableFuture<byte[]> done;
        synchronized (lock) {
            if (socket == connection) {
                closeSocket();
            }
            done = torn;
        }
        card.powerOff();
        done.complete(command.clone());
    }

    private static void send(OutputStream out, byte[] data) throws IOException {
        byte[] framed = new byte[2 + data.length];
        framed[0] = (byte) (data.length >>> 8);
        framed[1] = (byte) data.length;
        System.arraycopy(data, 0, framed, 2, data.length);
        out.write(framed);
        out.flush();
    }

    /** Under lock. */
    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            socket = null;
            serving = null;
            left = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        remove();
    }
}
