package com.valuekiosk.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One server's metrics: a Prometheus registry of its own (never the global one, so that two servers
 * in one JVM keep theirs apart), every meter tagged {@code server=<name>}, with the JVM basics
 * (memory, threads, processor, uptime) bound. The HTTP layer records requests into
 * {@link #registry()}, the assembly adds its gauges and the pool's, and {@code GET /metrics}
 * answers {@link #scrape()}.
 */
public final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;

    private ServerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public static ServerMetrics create(String server) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("server", server);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new ServerMetrics(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
