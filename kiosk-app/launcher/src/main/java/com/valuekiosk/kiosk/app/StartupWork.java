package com.valuekiosk.kiosk.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work started on a thread of its own while the kiosk is put together (start-up runs its slow parts side by side). */
public final class StartupWork {

    private StartupWork() {
    }

    /** Waits for {@code work}; what it threw is thrown here as it was, not wrapped. */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
