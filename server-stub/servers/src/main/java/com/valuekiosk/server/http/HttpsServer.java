package com.valuekiosk.server.http;

import java.nio.channels.ServerSocketChannel;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty on one port, TLS 1.3 only, a client certificate required (R-SV3): a connection without a
 * certificate our CA issued never reaches a handler. The handler's {@link HttpLimits} bound threads,
 * idle connections and connections per client address; whatever Jetty refuses itself is answered
 * in JSON by {@link JsonErrorHandler}.
 */
public final class HttpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpsServer.class);

    private final Server server;
    private final ServerConnector connector;
    /** A socket already listening, to accept on instead of binding {@code host:port}; or null. */
    private final ServerSocketChannel listening;

    public HttpsServer(String name, String host, int port, SSLContext tls, ApiHandler handler) {
        this(name, host, port, tls, handler, null);
    }

    /**
     * With {@code listening} not null, the server accepts on that socket (bound and listening already, so that its
     * port was known and clients could connect before this server was made; they wait in its backlog until
     * {@link #start()}) and {@code host} and {@code port} are not used.
     */
    public HttpsServer(String name, String host, int port, SSLContext tls, ApiHandler handler, ServerSocketChannel listening) {
        this.listening = listening;
        HttpLimits limits = handler.limits();
        QueuedThreadPool threads = new QueuedThreadPool(limits.threads(), Math.min(8, limits.threads()));
        threads.setName(name);
        server = new Server(threads);

        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.3");

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Kiosks reach servers by IP as often as by name; the certificate check is TLS's job.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.addBean(new ConnectionsPerClient(name, limits.connectionsPerClient(), handler.metrics()));
        // On stop, idle keep-alive connections close at once; requests in flight still finish.
        connector.setShutdownIdleTimeout(50);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new JsonErrorHandler(name, handler.metrics()));
        server.setStopTimeout(5_000);
    }

    public HttpsServer start() throws Exception {
        if (listening != null) {
            connector.open(listening);
        }
        server.start();
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Stops gracefully: requests in flight finish (up to 5 s). Jetty 12.1 can fail inside that graceful phase
     * when it expires a connection that is in the middle of a request body (a NullPointerException in its
     * {@code HttpConnection}); the server is then stopped at once, so that its port and threads are freed
     * all the same.
     */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } catch (RuntimeException gracefulStopFailed) {
            log.warn("{}: graceful stop failed inside Jetty ({}); stopping at once", server.getThreadPool(),
                    gracefulStopFailed.toString());
            server.setStopTimeout(0);
            server.stop();
        }
    }
}
