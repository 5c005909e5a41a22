import neo4j, { type Driver, isRetriableError, Neo4jError, type Result, type Transaction as DriverTransaction } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Neo4jTarget } from '../config';
import { AppError } from '../errors';
import { CircuitBreaker } from './breaker';
import { EVERYTHING, GRAPH_WIDE } from './cache-tags';
import { appendChange, ChangeFeed, type LogPosition } from './change-log';
import { StallWatch } from './stall-watch';
import type { Transaction } from './transaction';

export type { Transaction };

/**
 * What a write tells the response caches it changed, as the tags of
 * cache-tags.ts. A write that changes the graph and names no tag may have
 * changed anything: every cached response goes.
 */
export interface WriteChanges {
  tag(...tags: string[]): void;
}

/** One statement finished (or failed): for metrics. Carries no parameter values. */
export type QueryListener = (event: { mode: 'READ' | 'WRITE'; seconds: number; failed: boolean }) => void;

/**
 * The one door to Neo4j: read and write transactions with a timeout, and
 * driver failures turned into the API's error codes. Repositories take a Graph;
 * nothing else holds the driver.
 */
export class Graph {
  /** Fails transactions at once while Neo4j is known to be down (see breaker.ts). */
  readonly breaker: CircuitBreaker;
  /**
   * Shared by every transaction of this process: on a cluster, a read waits
   * until the member serving it has applied this process's latest write
   * (read-your-writes within one API process). A single server always has.
   */
  private readonly bookmarks = neo4j.bookmarkManager();
  private readonly queryListeners: QueryListener[] = [];
  /** What writes changed, this process's and others' (change-log.ts): what response caches listen to. */
  readonly changes = new ChangeFeed(<T>(cypher: string, params: Record<string, unknown>) => this.query<T>(cypher, params));
  /** Fails transactions at once when Neo4j stops answering without dropping connections (see stall-watch.ts). */
  private readonly stalls: StallWatch;
  /** A driver of its own (one connection) for `RETURN 1`: a full or stuck main pool must not look like a dead Neo4j. */
  private livenessDriver: Driver;
  /** The `RETURN 1` waiting for Neo4j, shared by everyone who asks meanwhile. */
  private liveness: { answered: Promise<boolean>; since: number } | null = null;
  /** When Neo4j last completed a statement or answered `RETURN 1`: a sign of life for the stall watch. */
  private heardAt = 0;
  /**
   * Transactions that failed on a deadlock Neo4j broke and were tried again,
   * by the driver or by `run`: writes that take their locks in one order never
   * do (docs/model.md, "Writes and their consequences"). `neo4j_deadlocks_total` in /metrics.
   */
  private deadlocked = 0;

  private constructor(
    readonly driver: Driver,
    private readonly openLivenessDriver: () => Driver,
    private readonly database: string | undefined,
    private readonly timeoutMs: number,
    private readonly maxRetryTimeMs: number,
    private readonly slowQueryMs: number,
    private readonly probeTimeoutMs: number,
    private readonly logger: Logger | undefined,
    breaker: Neo4jTarget['breaker'],
    stallMs: number,
  ) {
    this.livenessDriver = openLivenessDriver();
    this.breaker = new CircuitBreaker({
      ...breaker,
      probe: () => this.answers(),
      onChange: (open) =>
        open
          ? this.logger?.error('Neo4j is unreachable: failing requests at once until it answers again')
          : this.logger?.info('Neo4j answers again'),
    });
    this.stalls = new StallWatch({
      stallMs,
      answers: () => this.answers(),
      heardAt: () => this.heardAt,
      onUnanswered: (failed) => {
        this.logger?.error({ failed, probeTimeoutMs }, 'Neo4j does not answer: failed the transactions waiting on it');
        this.breaker.trip();
      },
      error: unavailable,
    });
  }

  /**
   * Timeouts are short so that requests fail fast when Neo4j is down: connect
   * (NEO4J_CONNECTION_TIMEOUT_MS), wait for a pooled connection
   * (NEO4J_ACQUISITION_TIMEOUT_MS), and retry a failed transaction for
   * NEO4J_MAX_RETRY_TIME_MS after its first failure (the driver waits ~1 s,
   * then ~2 s between tries); the breaker does the rest.
   */
  static connect(target: Neo4jTarget, uri: string, logger?: Logger): Graph {
    const auth = neo4j.auth.basic(target.user, target.password);
    const driver = neo4j.driver(uri, auth, {
      maxConnectionPoolSize: target.maxPoolSize,
      connectionAcquisitionTimeout: target.acquisitionTimeoutMs,
      connectionTimeout: target.connectionTimeoutMs,
      maxTransactionRetryTime: target.maxRetryTimeMs,
      disableLosslessIntegers: true,
      userAgent: 'clinical-wiki-graph',
    });
    const openLivenessDriver = () =>
      neo4j.driver(uri, auth, {
        maxConnectionPoolSize: 1,
        connectionAcquisitionTimeout: target.probeTimeoutMs,
        connectionTimeout: Math.min(target.connectionTimeoutMs, target.probeTimeoutMs),
        maxTransactionRetryTime: 0,
        userAgent: 'clinical-wiki-graph-liveness',
      });
    return new Graph(
      driver,
      openLivenessDriver,
      target.database,
      target.transactionTimeoutMs,
      target.maxRetryTimeMs,
      target.slowQueryMs,
      target.probeTimeoutMs,
      logger,
      target.breaker,
      target.stallMs,
    );
  }

  /** Calls the listener after every statement (metrics). */
  onQuery(listener: QueryListener): void {
    this.queryListeners.push(listener);
  }

  /** How many transactions of this process failed on a deadlock and were tried again. */
  get deadlocks(): number {
    return this.deadlocked;
  }

  read<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.run('READ', work);
  }

  /**
   * A write transaction. When its statements change the graph, the tags it
   * names on `changes` (with GRAPH_WIDE), or EVERYTHING when it names none,
   * are logged in the same transaction (change-log.ts) and told to this
   * process's listeners before this returns.
   */
  write<T>(work: (tx: Transaction, changes: WriteChanges) => Promise<T>): Promise<T> {
    return this.run('WRITE', work);
  }

  /**
   * A write that changes no answer: derived data (a cache of what reads would
   * compute anyway, such as see-also panels) or bookkeeping no query reads
   * (rate-limit windows). It logs no change, so every response cache stays.
   */
  writeDerived<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.run('WRITE', work, { changesContent: false });
  }

  /**
   * One read query, its records as plain objects. A single statement needs
   * no explicit transaction: it runs auto-commit, RUN and PULL in one round
   * trip, where a managed read adds BEGIN and a COMMIT round trip. Failures
   * the driver calls retriable (connection lost, a cluster member leaving)
   * are retried for NEO4J_MAX_RETRY_TIME_MS, as a managed read would be.
   */
  async query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.queryOnce<T>(cypher, params);
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause ?? error;
        if (!isRetriableError(cause) || Date.now() - started > this.maxRetryTimeMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 100 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  private async queryOnce<T>(cypher: string, params: Record<string, unknown>): Promise<T[]> {
    if (this.breaker.isOpen) throw unavailable();
    try {
      return await this.stalls.guard(this.queryInSession<T>(cypher, params));
    } catch (error) {
      throw this.failed('READ', error);
    }
  }

  private async queryInSession<T>(cypher: string, params: Record<string, unknown>): Promise<T[]> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, bookmarkManager: this.bookmarks });
    const started = performance.now();
    try {
      const result = await session.run(asRead(cypher), toCypherValue(params) as Record<string, unknown>, { timeout: this.timeoutMs });
      this.statementFinished('READ', cypher, started, false);
      this.breaker.recordSuccess();
      return result.records.map((record) => record.toObject() as T);
    } catch (error) {
      this.statementFinished('READ', cypher, started, true);
      throw error;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** A schema statement (constraint, index): these need a transaction of their own. */
  async runSchema(statement: string): Promise<void> {
    await this.driver.executeQuery(statement, {}, { database: this.database });
  }

  /**
   * True when Neo4j answers a trivial query within `timeoutMs`
   * (NEO4J_PROBE_TIMEOUT_MS unless given: starting up waits longer); closes
   * the breaker when it does.
   */
  async isReady(timeoutMs = this.probeTimeoutMs): Promise<boolean> {
    const ready = await this.answers(timeoutMs);
    if (ready) this.breaker.recordSuccess();
    return ready;
  }

  /**
   * Whether Neo4j answers `RETURN 1` on the liveness connection within
   * `timeoutMs` of asking. The timeout is kept here, not by Neo4j: a hung
   * server enforces nothing. Callers arriving while a question is open share
   * it, and get "no" as soon as it has been open longer than their timeout.
   */
  private async answers(timeoutMs = this.probeTimeoutMs): Promise<boolean> {
    if (this.liveness && Date.now() - this.liveness.since > LIVENESS_ABANDONED_AFTER_MS) {
      // No answer for this long: the connection may be dead without the OS knowing (a network that drops
      // packets keeps a socket open for many minutes). The next question goes over a new one.
      void this.livenessDriver.close().catch(() => undefined);
      this.livenessDriver = this.openLivenessDriver();
      this.liveness = null;
    }
    const question = (this.liveness ??= this.ask());
    const left = question.since + timeoutMs - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), left)));
    try {
      return await Promise.race([question.answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private ask(): { answered: Promise<boolean>; since: number } {
    const session = this.livenessDriver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    const question = {
      since: Date.now(),
      answered: session.run('RETURN 1').then(
        () => true,
        () => false,
      ),
    };
    void question.answered.then(async (answered) => {
      if (this.liveness === question) this.liveness = null;
      // A late answer (Neo4j was paused and resumed) means it answers again.
      if (answered) {
        this.heardAt = Date.now();
        this.breaker.recordSuccess();
      }
      await session.close().catch(() => undefined);
    });
    return question;
  }

  /**
   * One read transaction without retries or buffering, for long streaming reads
   * (exports): the work may iterate results with `for await`. A failure is
   * reported, not retried, so the work never sees a record twice.
   */
  async readOnce<T>(work: (tx: Transaction) => Promise<T>, options: { timeoutMs: number }): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    const tx = session.beginTransaction({ timeout: options.timeoutMs });
    try {
      const value = await work(tx satisfies DriverTransaction);
      await tx.commit();
      return value;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw toAppError(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.breaker.stop();
    this.stalls.stop();
    await Promise.all([this.driver.close(), this.livenessDriver.close()]);
  }

  /**
   * The driver retries a failed transaction for NEO4J_MAX_RETRY_TIME_MS, kept
   * short so that requests fail fast when Neo4j is down. Lock contention
   * (a deadlock between concurrent writes) is no outage: it is retried here,
   * after a short random pause, for as long as CYPHER_TIMEOUT_MS allows.
   */
  private async run<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: Transaction, changes: WriteChanges) => Promise<T>,
    options = { changesContent: true },
  ): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const { value, changed } = await this.runOnce(mode, work, options.changesContent);
        // Committed: this process's caches drop what it changed before the writer hears back.
        if (changed) this.changes.committed(changed.tags, changed.position);
        return value;
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (!isContention(cause) || Date.now() - started > this.timeoutMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * attempt) * (0.5 + Math.random())));
      }
    }
  }

  private async runOnce<T>(mode: 'READ' | 'WRITE', work: (tx: Transaction, changes: WriteChanges) => Promise<T>, changesContent: boolean): Promise<Logged<T>> {
    if (this.breaker.isOpen) throw unavailable();
    try {
      return await this.stalls.guard(this.runInSession(mode, work, changesContent));
    } catch (error) {
      throw this.failed(mode, error);
    }
  }

  private async runInSession<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: Transaction, changes: WriteChanges) => Promise<T>,
    changesContent: boolean,
  ): Promise<Logged<T>> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    const config = { timeout: this.timeoutMs };
    // The statement that last failed in this attempt: a deadlock's log line names the statement that waited.
    const failedStatement = { cypher: '' };
    const withIntegers = async (tx: Transaction): Promise<Logged<T>> => {
      try {
        return mode === 'WRITE' && changesContent
          ? await workThenLogChange(tx, work)
          : { value: await work(withIntegerParameters(tx), IGNORED_CHANGES), changed: null };
      } catch (error) {
        // Counted where it happens: the driver retries these itself before `run` sees them.
        if (isDeadlock(error)) {
          this.deadlocked++;
          // Which locks closed the circle: Neo4j names the lock, its holders and the statement that waited.
          this.logger?.warn(
            { mode, query: queryName(failedStatement.cypher), cause: (error as Error).message.replace(/\s+/g, ' ').slice(0, 600) },
            'Neo4j deadlock, retrying',
          );
        }
        throw error;
      }
    };
    try {
      const observed = (tx: Transaction) => withIntegers(this.observed(tx, mode, failedStatement));
      const value = mode === 'READ' ? await session.executeRead(observed, config) : await session.executeWrite(observed, config);
      this.breaker.recordSuccess();
      return value;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** A driver failure as the API's error (the driver's own kept as its cause), counted by the breaker. */
  private failed(mode: 'READ' | 'WRITE', error: unknown): unknown {
    if (isConnectionFailure(error)) this.breaker.recordFailure();
    const mapped = toAppError(error);
    if (mapped !== error && mapped instanceof AppError && error instanceof Error) {
      // What the client sees is generic; the log keeps the driver's code and the first words of its message.
      this.logger?.warn({ mode, code: (error as Neo4jError).code, cause: error.message.slice(0, 160) }, 'Neo4j transaction failed');
      Object.defineProperty(mapped, 'cause', { value: error, enumerable: false });
    }
    return mapped;
  }

  /** Metrics for every statement, and a log line for slow ones by their first line (never their parameters). */
  private statementFinished(mode: 'READ' | 'WRITE', cypher: string, started: number, failed: boolean): void {
    if (!failed) this.heardAt = Date.now();
    const ms = performance.now() - started;
    for (const listener of this.queryListeners) listener({ mode, seconds: ms / 1000, failed });
    if (this.slowQueryMs > 0 && ms >= this.slowQueryMs) {
      this.logger?.warn({ durationMs: Math.round(ms), mode, query: queryName(cypher), failed }, 'Slow Neo4j query');
    }
  }

  /** Times every statement of a transaction (statementFinished), and keeps the one that failed. */
  private observed(tx: Transaction, mode: 'READ' | 'WRITE', failedStatement: { cypher: string }): Transaction {
    return {
      run: (cypher: string, parameters?: Record<string, unknown>) => {
        const started = performance.now();
        const result = tx.run(mode === 'READ' ? asRead(cypher) : cypher, parameters);
        const finished = (failed: boolean) => this.statementFinished(mode, cypher, started, failed);
        // Buffers the records, as awaiting the result does anyway; the callers' own awaits get the same outcome.
        result.then(
          () => finished(false),
          () => {
            failedStatement.cypher = cypher;
            finished(true);
          },
        );
        return result;
      },
    };
  }
}

/**
 * A statement as a read sends it: with the plan Neo4j made for it first,
 * even when the graph's statistics have moved since (`replan=skip`). Neo4j
 * otherwise replans a statement once its statistics drift, at most every
 * 10 s by default, and editors' saves keep them drifting. Replanning one of
 * the API's larger reads takes 90–125 ms of an idle core and 200–500 ms of
 * a busy one, and every request that sends it meanwhile plans it too:
 * readers saw those bursts as their p99 in the soak (docs/operations.md).
 * The reads start from unique or full-text indexes, so their plans' shape
 * does not follow the counts; a bulk import clears the plans (importGraph).
 * Neo4j keeps at most 1,000 plans (server.db.query_cache_size); the API sends far fewer statements.
 * Writes replan as Neo4j decides: they are few, and an editor can wait.
 */
export const asRead = (cypher: string): string => `CYPHER replan=skip\n${cypher}`;

/** The first meaningful line of a statement, shortened: enough to find it in the code, no data. */
export function queryName(cypher: string): string {
  const line = cypher.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('//')) ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

const unavailable = () => new AppError('SERVICE_UNAVAILABLE', 'The graph database is unavailable; try again shortly.');

/** A liveness question unanswered for this long is given up, with its connection (see Graph.answers). */
const LIVENESS_ABANDONED_AFTER_MS = 10_000;

/** Neo4j cannot be reached, or the connection was lost: what the breaker counts. */
function isConnectionFailure(error: unknown): boolean {
  return error instanceof Neo4jError && UNAVAILABLE_CODES.has(error.code);
}

function isDeadlock(error: unknown): boolean {
  return error instanceof Neo4jError && error.code === 'Neo.TransientError.Transaction.DeadlockDetected';
}

/** Concurrent transactions got in each other's way: trying again will do. */
function isContention(error: unknown): boolean {
  return error instanceof Neo4jError && ['Neo.TransientError.Transaction.DeadlockDetected', 'Neo.TransientError.Transaction.LockClientStopped'].includes(error.code);
}

/**
 * JavaScript has one number type; Cypher tells integers from floats, and
 * SKIP/LIMIT, positions and years must be integers. Whole numbers in
 * parameters are sent as Cypher integers, everything else as is.
 */
export function toCypherValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherValue);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toCypherValue(item)]));
  }
  return value;
}

function withIntegerParameters(tx: Transaction, seen: Result[] = []): Transaction {
  return {
    run: (cypher: string, parameters?: Record<string, unknown>) => {
      const result = tx.run(cypher, toCypherValue(parameters ?? {}) as Record<string, unknown>);
      if (!cypher.startsWith(LOCK_ONLY)) seen.push(result);
      return result;
    },
  };
}

/**
 * Begins a statement that writes only to take a lock (it sets a property and
 * removes it again: Neo4j has no lock statement without a plugin), so the
 * write it starts does not count as a change of content.
 */
export const LOCK_ONLY = '/* takes a lock, changes nothing */ ';

/** A transaction's value, and the tags it logged as changed and where (null when it changed nothing). */
interface Logged<T> {
  value: T;
  changed: { tags: readonly string[]; position: LogPosition } | null;
}

/** Reads and derived writes change no answer: what they might name is not logged. */
const IGNORED_CHANGES: WriteChanges = { tag: () => undefined };

/**
 * Runs write work and, when any of its statements changed the graph, logs
 * what it changed in the same transaction (change-log.ts): the tags the work
 * named, and GRAPH_WIDE, or EVERYTHING when it named none. Response caches of
 * every process sharing this Neo4j drop what carries those tags, whatever
 * module made the write.
 */
async function workThenLogChange<T>(tx: Transaction, work: (tx: Transaction, changes: WriteChanges) => Promise<T>): Promise<Logged<T>> {
  const results: Result[] = [];
  const named = new Set<string>();
  const value = await work(withIntegerParameters(tx, results), { tag: (...tags) => tags.forEach((tag) => named.add(tag)) });
  const summaries = await Promise.all(results.map((result) => result.summary()));
  if (!summaries.some((summary) => summary.counters.containsUpdates())) return { value, changed: null };
  const tags = named.size === 0 || named.has(EVERYTHING) ? [EVERYTHING] : [GRAPH_WIDE, ...named];
  return { value, changed: { tags, position: await appendChange(tx, tags) } };
}

/** Neo4j cannot be reached, the connection was lost, or the database is stopping or starting. */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.TransientError.Database.DatabaseUnavailable',
]);

/** Keeps AppErrors; turns Neo4j's own failures into codes without leaking Cypher. */
export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    const code = String(error.code ?? '');
    const message = String(error.message ?? '');
    if (UNAVAILABLE_CODES.has(code) || code === 'Neo.ClientError.Security.AuthorizationExpired') {
      return unavailable();
    }
    // A transaction over its timeout; one stopped while it waited for a lock (LockClientStopped) or terminated is the same to the client.
    if (
      code === 'Neo.ClientError.Transaction.TransactionTimedOut' ||
      code.endsWith('TransactionTimedOutClientConfiguration') ||
      code.endsWith('Transaction.LockClientStopped') ||
      code.endsWith('Transaction.Terminated')
    ) {
      return new AppError('SERVICE_UNAVAILABLE', 'The query took too long and was stopped.');
    }
    if (message.startsWith('Connection acquisition timed out') || code.startsWith('Neo.TransientError.')) {
      // No free connection in time, or a transient failure (deadlock, terminated transaction) that outlasted the retries.
      return new AppError('SERVICE_UNAVAILABLE', 'The graph database is busy; try again shortly.');
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new AppError('CONFLICT', 'The change conflicts with existing data.');
    }
  }
  return error;
}
