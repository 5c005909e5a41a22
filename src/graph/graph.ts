import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import type { Neo4jTarget } from '../config';
import { AppError } from '../errors';

/**
 * The one door to Neo4j: read and write transactions with a timeout, and
 * driver failures turned into the API's error codes. Repositories take a Graph;
 * nothing else holds the driver.
 */
export class Graph {
  private constructor(
    readonly driver: Driver,
    private readonly database: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  static connect(target: Neo4jTarget, uri: string): Graph {
    const driver = neo4j.driver(uri, neo4j.auth.basic(target.user, target.password), {
      maxConnectionPoolSize: target.maxPoolSize,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
      disableLosslessIntegers: true,
      userAgent: 'clinical-wiki-graph',
    });
    return new Graph(driver, target.database, target.transactionTimeoutMs);
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.run('READ', work);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.run('WRITE', work);
  }

  /** One read query, its records as plain objects. */
  async query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.read(async (tx) => (await tx.run(cypher, params)).records.map((record) => record.toObject() as T));
  }

  /** A schema statement (constraint, index): these need a transaction of their own. */
  async runSchema(statement: string): Promise<void> {
    await this.driver.executeQuery(statement, {}, { database: this.database });
  }

  /** True when Neo4j answers a trivial query within a short time. */
  async isReady(): Promise<boolean> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1', {}, { timeout: 2_000 });
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async run<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: this.timeoutMs };
    const withIntegers = (tx: ManagedTransaction) => work(withIntegerParameters(tx));
    try {
      return mode === 'READ' ? await session.executeRead(withIntegers, config) : await session.executeWrite(withIntegers, config);
    } catch (error) {
      throw toAppError(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }
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

function withIntegerParameters(tx: ManagedTransaction): ManagedTransaction {
  return { run: (cypher: string, parameters?: Record<string, unknown>) => tx.run(cypher, toCypherValue(parameters ?? {}) as Record<string, unknown>) } as ManagedTransaction;
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Keeps AppErrors; turns Neo4j's own failures into codes without leaking Cypher. */
export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code) || error.code === 'Neo.ClientError.Security.AuthorizationExpired') {
      return new AppError('SERVICE_UNAVAILABLE', 'The graph database is unavailable; try again shortly.');
    }
    if (error.code === 'Neo.ClientError.Transaction.TransactionTimedOut' || error.code.endsWith('TransactionTimedOutClientConfiguration')) {
      return new AppError('SERVICE_UNAVAILABLE', 'The query took too long and was stopped.');
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new AppError('CONFLICT', 'The change conflicts with existing data.');
    }
  }
  return error;
}
