package com.valuekiosk.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes that end a transaction, sent to the database together. On PostgreSQL they go as one
 * command of several statements: one round trip instead of one per statement, which is where about
 * half of PostgreSQL's CPU went (the benchmark's README). On H2, which runs in this JVM and has no
 * round trip to save, they run one by one: H2 would parse a command of several statements again on
 * every call, where it keeps each single statement parsed.
 *
 * <p>Only writes whose effects nothing later in the transaction reads belong here, since they
 * happen when the batch is {@link #send sent}. A statement added with {@link #addExpecting} must
 * change exactly that many rows, or the send fails and the caller's transaction rolls back.
 */
public final class WriteBatch {

    private record Write(String sql, Object[] parameters, int expectedRows) {
    }

    /** {@link Write#expectedRows} of a statement whose row count does not matter. */
    private static final int ANY = -1;

    private final boolean onePerRoundTrip;
    private final List<Write> writes = new ArrayList<>();

    /** A batch for PostgreSQL ({@code postgres}: one round trip) or H2 (one statement at a time). */
    public WriteBatch(boolean postgres) {
        this.onePerRoundTrip = postgres;
    }

    /** Adds a statement; parameters in order, bound with {@code setObject}. */
    public WriteBatch add(String sql, Object... parameters) {
        return add(new Write(sql, parameters, ANY));
    }

    /**
     * As {@link #add}, for a write that must change exactly {@code rows} rows, such as one that a row
     * lock held by the transaction makes certain; checked all the same.
     */
    public WriteBatch addExpecting(int rows, String sql, Object... parameters) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be 0 or more");
        }
        return add(new Write(sql, parameters, rows));
    }

    private WriteBatch add(Write write) {
        if (write.sql().indexOf(';') >= 0) {
            throw new IllegalArgumentException("one statement per write, without ';': " + write.sql());
        }
        writes.add(write);
        return this;
    }

    /**
     * Runs every statement added, in order, and empties the batch. A statement that fails stops the
     * rest; the caller rolls the transaction back.
     *
     * @throws IllegalStateException when a statement added with {@link #addExpecting} changed
     *                               another number of rows (after all ran)
     */
    public void send(Connection connection) throws SQLException {
        try {
            int[] rows = onePerRoundTrip && writes.size() > 1 ? together(connection, writes) : oneByOne(connection, writes);
            for (int i = 0; i < writes.size(); i++) {
                int expected = writes.get(i).expectedRows();
                if (expected != ANY && rows[i] != expected) {
                    throw new IllegalStateException(rows[i] + " rows changed where " + expected + " had to: "
                            + writes.get(i).sql());
                }
            }
        } finally {
            writes.clear();
        }
    }

    private static int[] oneByOne(Connection connection, List<Write> writes) throws SQLException {
        int[] rows = new int[writes.size()];
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            try (PreparedStatement statement = connection.prepareStatement(write.sql())) {
                bind(statement, 1, write.parameters());
                rows[i] = statement.executeUpdate();
            }
        }
        return rows;
    }

    /** One command: PostgreSQL's driver sends all its statements and then waits once. */
    private static int[] together(Connection connection, List<Write> writes) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Write write : writes) {
            sql.append(sql.length() == 0 ? "" : "; ").append(write.sql());
        }
        int[] rows = new int[writes.size()];
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Write write : writes) {
                index = bind(statement, index, write.parameters());
            }
            boolean returnedRows = statement.execute();
            for (int i = 0; i < rows.length; i++) {
                if (i > 0) {
                    returnedRows = statement.getMoreResults();
                }
                if (returnedRows) {
                    throw new IllegalArgumentException("a write returned rows: " + writes.get(i).sql());
                }
                rows[i] = statement.getUpdateCount();
            }
        }
        return rows;
    }

    private static int bind(PreparedStatement statement, int first, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(first + i, parameters[i]);
        }
        return first + parameters.length;
    }
}
