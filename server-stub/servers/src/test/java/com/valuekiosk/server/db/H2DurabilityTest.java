package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on its embedded H2 database keeps every transaction it committed when its process is
 * killed right afterwards (the OOM killer, a power button, {@code kill -9}): an answer already sent
 * stands on a commit that is in the file. Without a CHECKPOINT after each commit, H2 writes them up to
 * half a second later: a killed JVM kept 30 of 100, and Flyway's record of a migration was lost
 * while the migration's DDL was in the file, so the server could not start again.
 */
class H2DurabilityTest {

    private static final int COMMITS = 100;

    @TempDir
    Path directory;

    @Test
    void everyCommitSurvivesTheProcessBeingKilledRightAfterIt() throws Exception {
        assertEveryCommitSurvivesAKill(false, false);
    }

    /**
     * A commit that does not wait for the file ({@link Database.Durability#REDONE_IF_LOST}) is
     * written by the next one that does: every other commit here does not wait, the last one does.
     */
    @Test
    void aCommitThatDidNotWaitIsWrittenByTheNextThatDid() throws Exception {
        assertEveryCommitSurvivesAKill(false, true);
    }

    /**
     * From 45 s after its first write ({@code RETENTION_TIME}), H2 writes new chunks into the space of
     * chunks no longer used. Killed then, H2 2.5.252 reopened the file at an older chunk and lost
     * commits it had written: a demo kiosk lost a purchase made a minute after its start, its receipt
     * printed and its notice delivered. Here the retention is 0, so the space is reused at once. (The
     * servers' URL sets it to 0 too, since it appends every chunk; this test sets it itself so that it
     * keeps its meaning whatever the URL says.)
     */
    @Test
    void everyCommitSurvivesAKillOnceH2WouldReuseTheSpaceOfOldChunks() throws Exception {
        assertEveryCommitSurvivesAKill(true, false);
    }

    private void assertEveryCommitSurvivesAKill(boolean reuseAtOnce, boolean everyOtherUnwaited) throws Exception {
        Path file = directory.resolve("emoney");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitThenDie.class.getName(), file.toString(), Integer.toString(COMMITS), Boolean.toString(reuseAtOnce),
                Boolean.toString(everyOtherUnwaited))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(CommitThenDie.KILLED);

        Database database = DatabaseSettings.h2(file).open("emoney");
        try {
            assertThat(users(database)).as("users committed before the kill, still there").isEqualTo(COMMITS);
        } finally {
            database.close();
        }
    }

    /** Registers an e-money user with card number {@code card}, in a transaction of its own. */
    static void insertUser(Database database, String card) {
        insertUser(database, card, Database.Durability.WRITTEN);
    }

    static void insertUser(Database database, String card, Database.Durability durability) {
        database.inTransaction(durability, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO emoney_users (card_number, user_name, bank_account) VALUES (?, 'user', 'JP00TEST')")) {
                insert.setString(1, card);
                return insert.executeUpdate();
            }
        });
    }

    /** The registered e-money users. */
    static int users(Database database) {
        return database.inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM emoney_users");
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    /** Commits one row per transaction, then ends its JVM at once, as {@code kill -9} would: no shutdown hook, no close. */
    public static final class CommitThenDie {

        static final int KILLED = 137;

        public static void main(String[] args) {
            Database database = DatabaseSettings.h2(Path.of(args[0])).open("emoney");
            int commits = Integer.parseInt(args[1]);
            if (Boolean.parseBoolean(args[2])) {
                database.inTransaction(connection -> {
                    try (java.sql.Statement retention = connection.createStatement()) {
                        return retention.executeUpdate("SET RETENTION_TIME 0");
                    }
                });
            }
            boolean everyOtherUnwaited = Boolean.parseBoolean(args[3]);
            for (int i = 0; i < commits; i++) {
                // With everyOtherUnwaited, the even ones do not wait; the last one (odd) does.
                insertUser(database, String.format("99990000%08d", i), everyOtherUnwaited && i % 2 == 0
                        ? Database.Durability.REDONE_IF_LOST : Database.Durability.WRITTEN);
            }
            System.out.println("committed " + commits);
            Runtime.getRuntime().halt(KILLED);
        }
    }
}
