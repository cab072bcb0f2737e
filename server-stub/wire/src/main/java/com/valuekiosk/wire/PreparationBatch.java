package com.valuekiosk.wire;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Credit company server → e-money server: several notices in one request, prepared in one
 * transaction (API.md §4.12). Each notice is decided as if it came alone to
 * {@link ApiPaths#PREPARATIONS}; the answer has one result per notice, in the same order
 * ({@link PreparationBatchAnswer}). A request id appears at most once in a batch.
 */
public record PreparationBatch(List<PreparationNotice> notices) {

    /** The most notices one batch may carry: well inside the servers' 64 KiB body limit. */
    public static final int MAX_NOTICES = 100;

    public PreparationBatch {
        if (notices == null || notices.isEmpty() || notices.size() > MAX_NOTICES) {
            throw new IllegalArgumentException("notices must be a list of 1.." + MAX_NOTICES + " notices");
        }
        notices = List.copyOf(notices); // throws on a null notice
        Set<UUID> ids = new HashSet<>();
        for (PreparationNotice notice : notices) {
            if (!ids.add(notice.requestId())) {
                throw new IllegalArgumentException("request id " + notice.requestId() + " appears twice in the batch");
            }
        }
    }
}
