package com.valuekiosk.card.issuer;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Where the new card's PIN comes from: never the command line, where other users could read it. */
@FunctionalInterface
interface PinSource {

    /** The PIN as typed, or null when there is none. The caller wipes the array. */
    char[] readPin(String prompt) throws IOException;

    /** The console without echo; without a console (piped), one line of standard input. */
    static PinSource standard() {
        Console console = System.console();
        if (console != null) {
            return prompt -> console.readPassword("%s", prompt);
        }
        // One reader for every prompt: a second one would miss the lines the first has buffered.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        return prompt -> {
            String line = in.readLine();
            return line == null ? null : line.trim().toCharArray();
        };
    }
}
