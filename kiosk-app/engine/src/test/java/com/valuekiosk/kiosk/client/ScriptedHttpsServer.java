package com.valuekiosk.kiosk.client;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLServerSocket;

/**
 * A mutual-TLS HTTPS server with the e-money server's certificate that answers a script, one
 * answer per request, one request per connection, and records every request body: for the cases
 * the real servers do not produce on demand (5xx, foreign 4xx, garbage).
 */
final class ScriptedHttpsServer implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private final ServerSocket listener;
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<byte[]> requests = new ArrayList<>();
    private final Thread acceptor;

    /** {@code pki}: a development PKI directory ({@link TestServers#createPki}); the server shows its e-money server certificate. */
    ScriptedHttpsServer(Path pki) throws IOException {
        char[] password = TestServers.storePassword();
        SSLServerSocket socket = (SSLServerSocket) TlsContexts.create(pki.resolve(DevPki.EMONEY_SERVER_KEY_STORE), password,
                pki.resolve(DevPki.TRUST_STORE)).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setNeedClientAuth(true);
        listener = socket;
        acceptor = new Thread(this::serve, "scripted-https");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ScriptedHttpsServer answer(int status, String body) {
        script.add(new Answer(status, body));
        return this;
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + listener.getLocalPort());
    }

    synchronized List<byte[]> requests() {
        return List.copyOf(requests);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                byte[] body = readRequest(socket.getInputStream());
                synchronized (this) {
                    requests.add(body);
                }
                Answer answer = script.poll();
                if (answer == null) {
                    answer = new Answer(500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"script exhausted\"}");
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 " + answer.status() + " Scripted\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // closed, or a client that gave up: next connection
            }
        }
    }

    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended in its head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return in.readNBytes(length);
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join(5_000);
    }
}
