package com.valuekiosk.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Bytes on a mutual-TLS connection, for what no well-behaved HTTP client sends: malformed request
 * lines, huge headers, bodies trickling in.
 */
public final class RawHttps {

    private RawHttps() {
    }

    /** A TLS connection from {@code from} (a loopback address such as 127.0.0.2) to the server, handshake done. */
    public static SSLSocket connect(SSLContext tls, InetAddress from, int port) throws IOException {
        Socket plain = new Socket();
        try {
            plain.bind(new InetSocketAddress(from, 0));
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            plain.setSoTimeout(30_000);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Sends {@code request} as it is and reads the answer until the server closes the connection. */
    public static Answer exchange(SSLContext tls, int port, String request) {
        try (SSLSocket socket = connect(tls, InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one answer: up to the end of the stream, or of the body its Content-Length announces. */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        try {
            while ((read = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, read);
                Answer complete = complete(bytes.toString(StandardCharsets.UTF_8));
                if (complete != null) {
                    return complete;
                }
            }
        } catch (SocketException e) {
            // A reset after the answer: what arrived counts.
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        Answer answer = complete(text);
        if (answer == null) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        return answer;
    }

    private static Answer complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        if (length < 0 || body.getBytes(StandardCharsets.UTF_8).length < length) {
            return null;
        }
        int status = Integer.parseInt(head.substring(9, 12));
        return new Answer(status, head, body);
    }

    /** Status line and headers as one text, and the body. */
    public record Answer(int status, String head, String body) {

        public String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    return line.substring("content-type:".length()).trim();
                }
            }
            return null;
        }
    }
}
