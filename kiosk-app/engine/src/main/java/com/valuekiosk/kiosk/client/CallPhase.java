package com.valuekiosk.kiosk.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Response;

/**
 * How far one attempt got before it failed, for a reason a technician can act on: "cannot
 * connect" is a network or server problem, "closed right after the TLS handshake" is often this
 * kiosk's certificate refused, "no answer" means the request may have taken effect.
 */
final class CallPhase extends EventListener {

    enum Phase {
        CONNECTING("connecting"),
        TLS_HANDSHAKE("in the TLS handshake"),
        SENDING("sending the request"),
        WAITING("waiting for the answer"),
        READING("reading the answer");

        private final String words;

        Phase(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    private volatile Phase phase = Phase.CONNECTING;
    /** This attempt made its own TLS handshake (as opposed to reusing a pooled connection). */
    private volatile boolean handshakeDone;

    Phase phase() {
        return phase;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        phase = Phase.CONNECTING;
    }

    @Override
    public void secureConnectStart(Call call) {
        phase = Phase.TLS_HANDSHAKE;
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        handshakeDone = true;
        phase = Phase.SENDING;
    }

    @Override
    public void requestHeadersStart(Call call) {
        phase = Phase.SENDING;
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
        phase = Phase.WAITING;
    }

    @Override
    public void responseHeadersStart(Call call) {
        phase = Phase.READING;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        phase = Phase.READING;
    }
}
