package wiki.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * A local Neo4j Community server for development and tests: the embedded
 * database with the Bolt connector on 127.0.0.1, data under the given folder.
 *
 * Usage: LocalNeo4j DATA_DIR BOLT_PORT
 *
 * Settings in DATA_DIR/conf/neo4j.conf, if that file exists, are applied first;
 * the Bolt, HTTP, auth and timeout settings below always win.
 *
 * Prints "NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts connections.
 * Stops cleanly on SIGTERM/SIGINT, and also when its standard input closes,
 * so a parent process that dies (even by kill -9) never leaves it running.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LocalNeo4j DATA_DIR BOLT_PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);

    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
    // Optional settings of this data folder (the benchmark tunes index population for its bulk loads).
    Path conf = home.resolve("conf").resolve("neo4j.conf");
    if (Files.isRegularFile(conf)) builder.loadPropertiesFromFile(conf);
    DatabaseManagementService service =
        builder
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
            .build();

    Thread stopper = new Thread(service::shutdown, "neo4j-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);

    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    watchParent(System.in);
    System.exit(0);
  }

  /** Blocks until stdin reaches end of file: the parent closed it or died. */
  private static void watchParent(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone, the same as end of file.
    }
  }
}
