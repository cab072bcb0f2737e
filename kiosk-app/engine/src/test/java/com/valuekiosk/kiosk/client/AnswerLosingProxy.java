package com.valuekiosk.kiosk.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A TCP proxy in front of a real server that loses the answer of the first connection: it passes
 * the TLS handshake and the request through, drops everything the server sends after the client's
 * first encrypted record, and once {@code effectDone} holds (the server committed the request)
 * closes the connection. The client sees its request vanish without an answer; later connections
 * pass untouched. TLS stays end to end: the proxy reads only the record headers.
 */
final class AnswerLosingProxy implements AutoCloseable {

    private static final int TLS_APPLICATION_DATA = 23;

    private final ServerSocket listener;
    private final int targetPort;
    private final BooleanSupplier effectDone;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answersLost = new AtomicInteger();
    private final Thread acceptor;

    AnswerLosingProxy(int targetPort, BooleanSupplier effectDone) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.effectDone = effectDone;
        acceptor = daemon("proxy-accept", this::accept);
        acceptor.start();
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + listener.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    int answersLost() {
        return answersLost.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                boolean lose = connections.incrementAndGet() == 1;
                AtomicBoolean clientSentData = new AtomicBoolean();
                daemon("proxy-up", () -> up(client, server, clientSentData)).start();
                daemon("proxy-down", () -> down(server, client, lose, clientSentData)).start();
            } catch (IOException e) {
                // listener closed
            }
        }
    }

    /** Client to server, all of it; notes when the client's first encrypted record (type 23) starts. */
    private static void up(Socket client, Socket server, AtomicBoolean clientSentData) {
        byte[] header = new byte[5];
        int headerBytes = 0;
        int toSkip = 0;
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (toSkip > 0) {
                        int skip = Math.min(toSkip, n - i);
                        toSkip -= skip;
                        i += skip - 1;
                        continue;
                    }
                    header[headerBytes++] = buffer[i];
                    if (headerBytes == header.length) {
                        if (header[0] == TLS_APPLICATION_DATA) {
                            clientSentData.set(true);
                        }
                        toSkip = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                        headerBytes = 0;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(client, server);
        }
    }

    /**
     * Server to client. Nothing the server sends after the client's first encrypted record can be
     * part of the server's handshake flight (the client sends it only after the whole flight).
     */
    private void down(Socket server, Socket client, boolean lose, AtomicBoolean clientSentData) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (lose && clientSentData.get()) {
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (!effectDone.getAsBoolean() && System.nanoTime() < deadline) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    answersLost.incrementAndGet();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(client, server);
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
