package com.valuekiosk.server.http;

/**
 * Handles one call: parses its body ({@link Call#body}), calls a service and turns what the service
 * decided into a {@link Reply} ({@link Reply#of}). Refusals propagate as exceptions.
 */
@FunctionalInterface
public interface Endpoint {

    Reply handle(Call call);
}
