/**
 * The kiosk's clients of its two servers (R-KI4): {@link com.valuekiosk.kiosk.client.CreditCompanyClient}
 * and {@link com.valuekiosk.kiosk.client.EmoneyClient}, over mutual TLS 1.3 with the terminal's
 * certificate ({@link com.valuekiosk.kiosk.client.KioskTls}).
 *
 * <p>Contract: every call answers an {@link com.valuekiosk.kiosk.client.Outcome} and throws only
 * for programming errors. {@code Success} and {@code Refused} are answers the server gave; {@code
 * Unknown} means there is no answer to trust and the request may or may not have taken effect. The
 * clients retry what is safe to retry themselves (same bytes, same request id), a bounded number of
 * times; a flow that gets {@code Unknown} resolves it later with the same request id (the servers'
 * idempotency), never with a new one. Nothing here logs a request or answer body.
 */
package com.valuekiosk.kiosk.client;
