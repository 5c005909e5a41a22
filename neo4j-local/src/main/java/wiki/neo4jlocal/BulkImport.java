package wiki.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

/**
 * Neo4j's offline bulk importer (`neo4j-admin database import full`) run
 * against the data folder LocalNeo4j serves, database `neo4j`: the store is
 * written directly from CSV files, without transactions. The database must not
 * be running (the importer takes the store lock and fails otherwise); whatever
 * it held is deleted first (--overwrite-destination). No indexes or
 * constraints are created: the app's migrations add them once LocalNeo4j has
 * started on the imported store.
 *
 * Usage: BulkImport DATA_DIR IMPORT_OPTION...
 *
 * The options are those of `neo4j-admin database import full` (--nodes=...,
 * --relationships=..., --array-delimiter=..., ...), passed through unchanged;
 * the report file defaults to DATA_DIR/logs/import.report. The importer's
 * progress goes to standard output. Exits with the importer's status.
 */
public final class BulkImport {
  private BulkImport() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: BulkImport DATA_DIR IMPORT_OPTION... (the options of neo4j-admin database import full)");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(home.resolve("logs"));

    List<String> command = new ArrayList<>(List.of("database", "import", "full", "--overwrite-destination=true"));
    boolean reportFileGiven = false;
    for (int i = 1; i < args.length; i++) {
      command.add(args[i]);
      if (args[i].startsWith("--report-file")) reportFileGiven = true;
    }
    if (!reportFileGiven) command.add("--report-file=" + home.resolve("logs").resolve("import.report"));
    command.add("neo4j");

    // The same home LocalNeo4j gives DatabaseManagementServiceBuilder: data in HOME/data,
    // configuration (none by default) in HOME/conf.
    ExecutionContext context = new ExecutionContext(home, home.resolve("conf"));
    int status = AdminTool.execute(context, command.toArray(String[]::new));
    System.out.flush();
    System.exit(status);
  }
}
