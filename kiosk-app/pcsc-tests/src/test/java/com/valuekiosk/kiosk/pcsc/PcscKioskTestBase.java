package com.valuekiosk.kiosk.pcsc;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.server.testing.ServersFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests on the real PC/SC stack share: one private pcscd per test class (started again for a test if an
 * earlier one stopped it), the servers' development PKI, and per test a kiosk whose cards sit behind vpcd
 * ({@link PcscKiosk}), its readers seen by pcscd before the test begins.
 */
abstract class PcscKioskTestBase {

    @TempDir
    static Path shared;
    static DevPki pki;
    static Pcscd pcscd;

    @TempDir
    Path directory;
    PcscKiosk kiosk;

    @BeforeAll
    static void startPcscd() throws Exception {
        pki = ServersFixture.pki(shared);
        pcscd = new Pcscd();
        pcscd.start();
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @BeforeEach
    void startKiosk() throws Exception {
        if (!pcscd.isRunning()) {
            pcscd.start();
        }
        kiosk = new PcscKiosk(pcscd, pki, directory);
        kiosk.awaitReaders();
    }

    @AfterEach
    void closeKiosk() throws Exception {
        kiosk.close();
    }
}
