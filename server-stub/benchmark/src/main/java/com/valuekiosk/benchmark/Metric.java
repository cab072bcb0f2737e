package com.valuekiosk.benchmark;

import com.valuekiosk.wire.ApiPaths;

/** What the benchmark times, each sample one flow or one request. */
public enum Metric {
    FLOW("whole flow (FIG. 7 + FIG. 8)"),
    CARD("  card APDUs within the flow"),
    PURCHASE("POST " + ApiPaths.PURCHASES),
    AVAILABILITY("POST " + ApiPaths.AVAILABILITY),
    AMOUNT_CHANGE("POST " + ApiPaths.AMOUNT_CHANGES),
    COMPLETION("POST " + ApiPaths.COMPLETIONS);

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
