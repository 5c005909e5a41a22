import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../config';

/**
 * The local Neo4j Community server that `npm start` and `npm test` use when
 * NEO4J_URI is unset: the Maven module in neo4j-local/ runs the embedded
 * database with the Bolt connector on 127.0.0.1.
 */

const moduleDir = path.join(projectRoot, 'neo4j-local');
const targetDir = path.join(moduleDir, 'target');
/** Records which pom and launcher the build in target/ was made from, so an edit rebuilds. */
const buildStamp = path.join(targetDir, 'build.stamp');
const READY_MARK = 'NEO4J_READY ';
const START_TIMEOUT_MS = 180_000;

export interface LocalNeo4jOptions {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = [path.join(moduleDir, 'pom.xml'), ...listFiles(path.join(moduleDir, 'src'))];
  for (const file of files.sort()) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function javaExecutable(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Builds neo4j-local/ with Maven unless target/ already holds a build of the current sources. */
export function ensureLocalNeo4jBuilt(log: (message: string) => void = console.log): void {
  const fingerprint = sourceFingerprint();
  if (fs.existsSync(buildStamp) && fs.readFileSync(buildStamp, 'utf8') === fingerprint) return;

  log('Building the local Neo4j launcher with Maven (first run only; downloads Neo4j from Maven Central)...');
  const result = spawnSync('mvn', ['-q', '-B', '-f', path.join(moduleDir, 'pom.xml'), 'package'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) {
    throw new LocalNeo4jError(`Cannot run Maven (mvn): ${result.error.message}. Install Maven and Java 17+, or set NEO4J_URI.`);
  }
  if (result.status !== 0) throw new LocalNeo4jError(`The Maven build of neo4j-local/ failed (exit ${result.status}).`);
  fs.writeFileSync(buildStamp, fingerprint);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Starts the local Neo4j and resolves once Bolt accepts connections.
 * The child watches its stdin: when this process exits, however it exits, Neo4j stops too.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? console.log;
  ensureLocalNeo4jBuilt(log);
  if (!(await portIsFree(options.port))) {
    throw new LocalNeo4jError(
      `Port ${options.port} on 127.0.0.1 is taken: another Neo4j may be running. ` +
        'Stop it, set NEO4J_LOCAL_PORT, or point NEO4J_URI at it.',
    );
  }
  fs.mkdirSync(options.dataDir, { recursive: true });

  const classpath = [path.join(targetDir, 'classes'), path.join(targetDir, 'lib', '*')].join(path.delimiter);
  const child = spawn(
    javaExecutable(),
    ['-Xms512m', '-XX:+UseG1GC', '-cp', classpath, 'wiki.neo4jlocal.LocalNeo4j', options.dataDir, String(options.port)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });

  const uri = await waitUntilReady(child, stderrTail);
  log(`Local Neo4j ${uri} (data in ${path.relative(projectRoot, options.dataDir) || options.dataDir})`);
  return { uri, pid: child.pid!, stop: () => stopChild(child) };
}

function waitUntilReady(child: ChildProcess, stderrTail: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`The local Neo4j did not start within ${START_TIMEOUT_MS / 1000}s.`));
    }, START_TIMEOUT_MS);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith(READY_MARK)) return;
      clearTimeout(timer);
      resolve(line.slice(READY_MARK.length).trim());
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`Cannot run Java (${javaExecutable()}): ${error.message}. Install Java 17+, or set NEO4J_URI.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`The local Neo4j exited (code ${code}) before it was ready:\n${stderrTail.join('\n')}`));
    });
  });
}

/** Asks the launcher to shut the database down (end of stdin), then waits; kills it if it hangs. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.stdin?.end();
  });
}
