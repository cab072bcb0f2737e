package com.valuekiosk.benchmark;

import java.util.Map;

/**
 * What the simulated kiosks measured in one run, whether they ran in the servers' process or in a
 * load generator of their own ({@code --load-process}), which sends it as one line of JSON.
 *
 * @param wallNanos        from the barrier after the warm-up until the last kiosk finished
 * @param samples          every measured sample, in nanoseconds, by metric
 * @param cardIncrease     what the purses hold more than at the start (each started at 0)
 * @param kioskCpuNanos    CPU time of the kiosks' own threads during the measured flows
 * @param ceilingRequestsPerSecond the hello-world ceiling these kiosks' clients reached, 0 when not measured
 * @param generatorCpuNanos        CPU time of the whole load generator process during the measured flows,
 *                                 -1 when the kiosks ran in the servers' process
 * @param generatorCeilingCpuNanos the same during the ceiling's measured time
 * @param generatorCeilingJitNanos the load generator's JIT compiler threads' CPU time during the ceiling's
 *                                 measured time, -1 when not known
 */
record FleetResult(long wallNanos, Map<Metric, long[]> samples, long flows, long requests, long apdus,
                   long pendingNotices, long flowsWithAvailabilityRetry, long availabilityRetries, long cardIncrease,
                   long kioskCpuNanos, long failures, Map<String, Integer> failureKinds,
                   double ceilingRequestsPerSecond, long generatorCpuNanos, long generatorCeilingCpuNanos,
                   long generatorCeilingJitNanos) {

    FleetResult withGeneratorCpu(long flowsNanos, long ceilingNanos, long ceilingJitNanos) {
        return new FleetResult(wallNanos, samples, flows, requests, apdus, pendingNotices, flowsWithAvailabilityRetry,
                availabilityRetries, cardIncrease, kioskCpuNanos, failures, failureKinds, ceilingRequestsPerSecond,
                flowsNanos, ceilingNanos, ceilingJitNanos);
    }
}
