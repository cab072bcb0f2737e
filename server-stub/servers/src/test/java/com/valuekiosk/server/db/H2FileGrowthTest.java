package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers' H2 files do not reuse space (so that a killed server loses no commit: H2DurabilityTest),
 * and grow with every write while they are open. Opening one again gives that space back.
 */
class H2FileGrowthTest {

    private static final int COMMITS = 200;

    @TempDir
    Path directory;

    @Test
    void openingAFileAgainLeavesOnlyItsLiveData() throws Exception {
        Path name = directory.resolve("emoney");
        Path file = directory.resolve("emoney.mv.db");
        Database database = DatabaseSettings.h2(name).open("emoney");
        for (int i = 0; i < COMMITS; i++) {
            H2DurabilityTest.insertUser(database, String.format("99990000%08d", i));
        }
        long grown = Files.size(file);
        database.close();

        database = DatabaseSettings.h2(name).open("emoney");
        try {
            assertThat(Files.size(file)).as("the file opened again, against %d bytes after %d commits", grown, COMMITS)
                    .isLessThan(grown / 4);
            assertThat(H2DurabilityTest.users(database)).as("every row kept").isEqualTo(COMMITS);
        } finally {
            database.close();
        }
    }

    @Test
    void openingAFileThatIsAlreadyOpenLeavesTheFirstOpenerAtWork() {
        Path name = directory.resolve("emoney");
        Database first = DatabaseSettings.h2(name).open("emoney");
        try {
            H2DurabilityTest.insertUser(first, "9999000000000001");
            Database second = DatabaseSettings.h2(name).open("emoney");
            second.close();

            H2DurabilityTest.insertUser(first, "9999000000000002");
        } finally {
            first.close();
        }
    }
}
