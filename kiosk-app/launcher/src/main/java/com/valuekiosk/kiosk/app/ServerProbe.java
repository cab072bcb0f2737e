package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.wire.ApiPaths;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks a server's {@code /health} over the kiosk's own mutual TLS: a yes means the address, the server's
 * certificate, our certificate and the trust store all fit together.
 */
public final class ServerProbe {

    /** The answer of one probe: {@code UP}, or why not. */
    public record Result(String server, boolean up, String detail) {

        /** {@code credit=UP} or {@code credit=DOWN (connection refused)}. */
        public String summary() {
            return server + "=" + (up ? "UP" : "DOWN (" + detail + ")");
        }
    }

    private final OkHttpClient http;

    public ServerProbe(KioskTls tls, Duration timeout) {
        Objects.requireNonNull(tls, "tls");
        http = tls.applyTo(new OkHttpClient.Builder())
                .protocols(List.of(Protocol.HTTP_1_1))
                .callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    public Result probe(String server, URI baseUrl) {
        HttpUrl base = HttpUrl.get(baseUrl.toString());
        // The same joining as the engine's clients: a base path is kept, one slash between.
        String basePath = base.encodedPath().endsWith("/")
                ? base.encodedPath().substring(0, base.encodedPath().length() - 1) : base.encodedPath();
        HttpUrl url = base.newBuilder().encodedPath(basePath + ApiPaths.HEALTH).build();
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            return response.code() == 200 ? new Result(server, true, "")
                    : new Result(server, false, "answered HTTP " + response.code());
        } catch (IOException e) {
            return new Result(server, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            http.connectionPool().evictAll();
        }
    }
}
