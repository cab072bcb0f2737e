package com.valuekiosk.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections one remote address holds at once: a connection beyond the bound is closed
 * as soon as it opens, before its TLS handshake, so one client cannot hold all of the server's
 * connections and threads. Counts the raw (TLS) connections of a connector.
 */
final class ConnectionsPerClient implements Connection.Listener {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerClient.class);

    private final String serverName;
    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final java.util.Set<Connection> counted = ConcurrentHashMap.newKeySet();

    /** Connections closed for being over the bound (API.md §4.9). */
    static final String REFUSED = "valuekiosk.http.connections.refused";

    private final Counter refused;

    ConnectionsPerClient(String serverName, int limit, MeterRegistry metrics) {
        this.serverName = serverName;
        this.limit = limit;
        this.refused = Counter.builder(REFUSED).description("Connections closed because their client held too many")
                .register(metrics);
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection);
        if (!(connection instanceof SslConnection) || address == null) {
            return;
        }
        counted.add(connection);
        if (open.merge(address, 1, Integer::sum) > limit) {
            // The address is the client's own, not a secret; it is worth a warning once per refused connection.
            log.warn("{} refused a connection from {}: it already holds {} connections", serverName,
                    address.getHostAddress(), limit);
            refused.increment();
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (!counted.remove(connection)) {
            return;
        }
        InetAddress address = address(connection);
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static InetAddress address(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        SocketAddress remote = endPoint == null ? null : endPoint.getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
