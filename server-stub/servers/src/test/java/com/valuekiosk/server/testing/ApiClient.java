package com.valuekiosk.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A test's HTTPS client with one certificate: sends JSON, returns status and body. */
public final class ApiClient {

    private final HttpClient http;
    private final URI base;

    public ApiClient(SSLContext tls, URI base) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
    }

    public Response post(String path, Object body) {
        try {
            return postRaw(path, Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response postRaw(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    public URI base() {
        return base;
    }

    /** Status and body of one answer. */
    public record Response(int status, String body) {

        public <T> T as(Class<T> type) {
            try {
                return Json.mapper().readValue(body, type);
            } catch (JsonProcessingException e) {
                throw new AssertionError("answer " + status + " is not a " + type.getSimpleName() + ": " + body, e);
            }
        }

        public ErrorBody error() {
            return as(ErrorBody.class);
        }
    }
}
