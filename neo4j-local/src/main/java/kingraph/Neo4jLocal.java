package kingraph;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a real Neo4j Community server in-process (the same engine the neo4j tarball runs), serving Bolt on
 * 127.0.0.1 only, with authentication disabled. Local development and tests only.
 *
 * <pre>
 * java [jvm flags] -cp "target/neo4j-local.jar:target/lib/*" kingraph.Neo4jLocal --home DIR [--port N] [--pagecache 256m]
 * </pre>
 *
 * <ul>
 *   <li>{@code --home}: Neo4j home; the store goes to DIR/data, Neo4j's own logs to DIR/logs.</li>
 *   <li>{@code --port}: Bolt port on 127.0.0.1; 0 (the default) picks a free one.</li>
 *   <li>{@code --pagecache}: page cache size, e.g. 256m (the default).</li>
 *   <li>{@code --ready-timeout}: seconds to wait for the default database (default 300).</li>
 * </ul>
 *
 * Protocol: once the default database is available, exactly one line goes to stdout:
 * {@code KINGRAPH_NEO4J_READY bolt://127.0.0.1:<port>}. Nothing else is written to stdout; diagnostics and
 * Neo4j warnings go to stderr. The server shuts down cleanly on SIGTERM/SIGINT and when stdin reaches EOF,
 * so it never outlives a parent process that holds the other end of its stdin pipe. Exit status is
 * non-zero when start-up fails.
 */
public final class Neo4jLocal {
    static final String READY_PREFIX = "KINGRAPH_NEO4J_READY ";
    private static final String HOST = "127.0.0.1";
    private static final int AUTO_PORT_ATTEMPTS = 3;

    /** Guards {@link #dbms}: the shutdown hook waits for an in-flight start to finish, then stops it. */
    private static final Object LOCK = new Object();
    private static DatabaseManagementService dbms;
    private static volatile boolean stopping;

    private Neo4jLocal() {}

    public static void main(String[] args) {
        PrintStream err = System.err;
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("neo4j-local: " + e.getMessage());
            err.println("usage: kingraph.Neo4jLocal --home DIR [--port N] [--pagecache SIZE] [--ready-timeout SECONDS]");
            System.exit(2);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            shutdown();
        }, "neo4j-local-shutdown"));
        watchStdin();

        try {
            int port = start(opts);
            PrintStream out = System.out;
            out.println(READY_PREFIX + "bolt://" + HOST + ":" + port);
            out.flush();
        } catch (Throwable t) {
            // Stack trace first, then a short summary, so that the last lines of stderr say what went wrong.
            t.printStackTrace(err);
            err.println("neo4j-local: failed to start Neo4j (details in " + opts.home.resolve("logs/debug.log") + "):");
            int depth = 0;
            for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
                err.println("neo4j-local:   " + (depth == 0 ? "" : "caused by ") + c);
            }
            err.flush();
            // The shutdown hook stops whatever part of the DBMS did start.
            System.exit(1);
        }
        // main returns; Neo4j's non-daemon threads keep the JVM alive until a signal or stdin EOF.
    }

    private static int start(Options opts) throws Exception {
        Files.createDirectories(opts.home);
        int attempts = opts.port == 0 ? AUTO_PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int port = opts.port == 0 ? freePort() : opts.port;
            try {
                startOnPort(opts, port);
                return port;
            } catch (Exception e) {
                // A free port can be taken between probing and binding: retry with another one.
                if (attempt >= attempts || stopping || !isBindFailure(e)) {
                    throw e;
                }
                System.err.println("neo4j-local: port " + port + " was taken, retrying with another free port");
                shutdown();
            }
        }
    }

    private static void startOnPort(Options opts, int port) throws Exception {
        Map<Setting<?>, Object> config = new HashMap<>();
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(HOST, port));
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        config.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST));
        config.put(GraphDatabaseSettings.auth_enabled, false); // loopback-only dev server
        config.put(GraphDatabaseSettings.udc_enabled, false); // no usage-data reporting
        config.put(GraphDatabaseSettings.pagecache_memory, opts.pageCacheBytes);
        // Keep the transaction logs of a dev store small.
        config.put(GraphDatabaseSettings.keep_logical_logs, "1 files");
        config.put(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64));
        config.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        config.put(GraphDatabaseSettings.preallocate_store_files, false);
        // Do not hold a shutdown for long on open transactions.
        config.put(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2));
        // Netty waits a 5 s quiet period per Bolt event-loop group on shutdown (about 10 s in all); a dev server
        // can stop at once. These are Neo4j-internal settings: re-check them when bumping the Neo4j version.
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));

        synchronized (LOCK) {
            if (stopping) {
                throw new IllegalStateException("shutdown requested before start-up");
            }
            dbms = new DatabaseManagementServiceBuilder(opts.home)
                    .setConfig(config)
                    .setUserLogProvider(new Log4jLogProvider(System.err, Level.WARN))
                    .build();
        }

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opts.readyTimeoutSeconds);
        while (!db.isAvailable(500)) {
            if (stopping) {
                throw new IllegalStateException("shutdown requested during start-up");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("default database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                        + "' not available after " + opts.readyTimeoutSeconds + " s");
            }
        }
    }

    /** Idempotent: stops the DBMS if one is running. Called by the shutdown hook and on a start-up retry. */
    private static void shutdown() {
        synchronized (LOCK) {
            if (dbms == null) {
                return;
            }
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                System.err.println("neo4j-local: error during shutdown: " + t);
            } finally {
                dbms = null;
            }
        }
    }

    /** When the parent closes our stdin (or dies), exit; the shutdown hook stops Neo4j cleanly. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                InputStream in = System.in;
                while (in.read(buf) >= 0) {
                    // ignore input; we only wait for EOF
                }
            } catch (IOException ignored) {
                // treat a broken stdin like EOF
            }
            stopping = true;
            System.err.println("neo4j-local: stdin closed, shutting down");
            System.exit(0);
        }, "neo4j-local-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException) {
                return true;
            }
            String msg = c.getMessage();
            if (msg != null && (msg.contains("Address already in use") || msg.contains("already in use"))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static final class Options {
        Path home;
        int port = 0;
        long pageCacheBytes = ByteUnit.mebiBytes(256);
        long readyTimeoutSeconds = 300;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--home":
                        o.home = Path.of(v).toAbsolutePath().normalize();
                        break;
                    case "--port":
                        o.port = parseInt(a, v, 0, 65535);
                        break;
                    case "--pagecache":
                        try {
                            o.pageCacheBytes = ByteUnit.parse(v);
                        } catch (RuntimeException e) {
                            throw new IllegalArgumentException("bad --pagecache value '" + v + "'");
                        }
                        break;
                    case "--ready-timeout":
                        o.readyTimeoutSeconds = parseInt(a, v, 1, Integer.MAX_VALUE);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.home == null) {
                throw new IllegalArgumentException("--home is required");
            }
            return o;
        }

        private static int parseInt(String name, String v, int min, int max) {
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad " + name + " value '" + v + "'");
            }
        }
    }
}
