/**
 * A cold start, with and without the warm-up (src/http/warm-up.ts): for each
 * round and variant, the bench's Neo4j freshly started (its page and query
 * caches empty, the JVM cold), the compiled API started on it (response cache
 * off) and, once it says READY (after its warm-up, when on), the realistic
 * workload's four operations side by side, 4 connections each, for --seconds.
 * Reported: each request's latency by window of when it was sent, p50 and
 * p99, and each operation's p99, per variant (median of the rounds' per-window figures).
 *
 *   npx tsx bench/cold-start.ts --scale medium [--rounds 3] [--seconds 20] [--warm-up 10] [--write]
 *   npx tsx bench/cold-start.ts --render bench/results/<date>-cold-start.json   # its markdown again
 *
 * Run it alone on the machine (flock -x /tmp/machine.lock): it reports times.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config';
import { readSynonymList } from '../src/evidence/synonyms';
import { openBenchDatabase, scaleFrom } from './dataset';
import { OPERATIONS } from './operations';
import { spawnServer } from './servers/lifecycle';
import { SyntheticWiki } from './synth/generator';
import { requestBodies } from './workload/requests';
import { realisticWorkload } from './workload/workload';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = flag('rounds', 3);
const SECONDS = flag('seconds', 20);
const WARM_UP_SECONDS = flag('warm-up', 10);
const WINDOW_S = 5;
const CONNECTIONS = 16;

interface Window {
  from: number;
  requests: number;
  p50: number;
  p99: number;
  p99ByOp: Record<string, number>;
}
interface Run {
  variant: string;
  round: number;
  /** ms from spawning the API to its READY line (Neo4j already up). */
  startMs: number;
  windows: Window[];
  errors: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const renderIndex = args.indexOf('--render');
  if (renderIndex >= 0) {
    // Renders a kept run's JSON again (the markdown is made from it alone).
    const kept = JSON.parse(fs.readFileSync(args[renderIndex + 1]!, 'utf8')) as Setting & { runs: Run[] };
    process.stdout.write(render(kept.runs, [...new Set(kept.runs.map((run) => run.variant))], kept));
    return;
  }
  const choice = scaleFrom(args, process.env, 'medium');
  const wiki = new SyntheticWiki(choice.scale);
  const workload = realisticWorkload(wiki, readSynonymList(), choice.scale.seed);
  const variants: Array<[string, number]> = [
    ['no warm-up', 0],
    [`warm-up ${WARM_UP_SECONDS} s`, WARM_UP_SECONDS],
  ];
  const runs: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [variant, seconds] of round % 2 ? [...variants].reverse() : variants) {
      const db = await openBenchDatabase({ choice });
      try {
        const spawned = performance.now();
        const server = await spawnServer(path.join(projectRoot, 'dist', 'bench', 'servers', 'api.js'), {
          env: { ...process.env, NEO4J_URI: db.uri, NODE_ENV: 'production', RESPONSE_CACHE: 'false', BENCH_WARM_UP_SECONDS: String(seconds) },
          name: variant,
          startTimeoutMs: 300_000,
          killAfterMs: 15_000,
        });
        const startMs = Math.round(performance.now() - spawned);
        try {
          // One load per operation, side by side (CONNECTIONS in all), so each request's latency is known by operation.
          const sent: Array<{ op: string; t: number; ms: number }> = [];
          const began = Date.now();
          const results = await Promise.all(
            OPERATIONS.map((op) => {
              const next = requestBodies('api-uncached', op, workload);
              return new Promise<autocannon.Result>((resolve, reject) => {
                const instance = autocannon(
                  {
                    url: server.url,
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    connections: CONNECTIONS / OPERATIONS.length,
                    duration: SECONDS,
                    requests: [{ setupRequest: (request) => ({ ...request, body: next() }) }],
                  },
                  (error, result) => (error ? reject(error) : resolve(result)),
                );
                instance.on('response', (_client, _status, _bytes, responseTime) => sent.push({ op, t: Date.now() - responseTime - began, ms: responseTime }));
              });
            }),
          );
          const windows: Window[] = [];
          for (let from = 0; from < SECONDS; from += WINDOW_S) {
            const inWindow = sent.filter((r) => r.t >= from * 1000 && r.t < (from + WINDOW_S) * 1000);
            const ms = inWindow.map((r) => r.ms).sort((a, b) => a - b);
            const byOp = Object.fromEntries(OPERATIONS.map((op) => [op, quantile(inWindow.filter((r) => r.op === op).map((r) => r.ms).sort((a, b) => a - b), 0.99)]));
            windows.push({ from, requests: ms.length, p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), p99ByOp: byOp });
          }
          const errors = results.reduce((sum, result) => sum + result.errors + result.non2xx, 0);
          runs.push({ variant, round, startMs, windows, errors });
          process.stderr.write(`${variant}, round ${round + 1}: ready after ${startMs} ms; ${windows.map((w) => `${w.from}s p99 ${w.p99}`).join(', ')}\n`);
        } finally {
          await server.stop();
        }
      } finally {
        await db.stop();
      }
    }
  }
  const setting: Setting = { scale: choice.label, rounds: ROUNDS, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS };
  const markdown = render(runs, variants.map(([v]) => v), setting);
  process.stdout.write(markdown);
  if (args.includes('--write')) {
    const base = path.join(projectRoot, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-cold-start`);
    fs.writeFileSync(`${base}.md`, markdown);
    fs.writeFileSync(`${base}.json`, `${JSON.stringify({ ...setting, runs }, null, 2)}\n`);
  }
}

interface Setting {
  scale: string;
  rounds: number;
  seconds: number;
  warmUpSeconds: number;
}

function render(runs: Run[], variants: string[], { scale, rounds, seconds, warmUpSeconds }: Setting): string {
  // A window in which no request sent was answered (all timed out) counts as slower than any: shown as "–".
  const median = (xs: number[]) => {
    const sorted = xs.map((x) => (Number.isFinite(x) ? x : Infinity)).sort((a, b) => a - b);
    const middle = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
    return Number.isFinite(middle) ? String(Math.round(middle)) : '–';
  };
  const windows = runs[0]!.windows.map((w) => w.from);
  const header = (what: string) => [`| ${what} | ${windows.map((from) => `${from}–${from + WINDOW_S} s`).join(' | ')} |`, `|---|${windows.map(() => '---:').join('|')}|`];
  const lines = [
    `# Cold start, ${scale}: the first ${seconds} s of load after a fresh start`,
    '',
    `\`npx tsx bench/cold-start.ts --scale ${scale} --rounds ${rounds} --seconds ${seconds} --warm-up ${warmUpSeconds}\`: each run on a freshly started Neo4j, the compiled API (response cache off), then the realistic workload's four operations side by side, ${CONNECTIONS / OPERATIONS.length} connections each. Latency (ms) of the requests sent in each ${WINDOW_S}-s window, median of ${rounds} rounds ("–": none of them answered, in most rounds); "ready after": from spawning the API to its READY line; errors: timeouts (10 s) and non-2xx, all rounds.`,
    '',
    '| variant | ready after (s) | errors |',
    '|---|---:|---:|',
    ...variants.map((variant) => {
      const mine = runs.filter((run) => run.variant === variant);
      return `| ${variant} | ${(Number(median(mine.map((run) => run.startMs))) / 1000).toFixed(1)} | ${mine.reduce((sum, run) => sum + run.errors, 0)} |`;
    }),
    '',
    ...header('all requests, p50 / p99'),
  ];
  for (const variant of variants) {
    const mine = runs.filter((run) => run.variant === variant);
    lines.push(`| ${variant} | ${windows.map((_, i) => `${median(mine.map((run) => run.windows[i]!.p50))} / ${median(mine.map((run) => run.windows[i]!.p99))}`).join(' | ')} |`);
  }
  lines.push('', ...header('p99 by operation'));
  for (const op of OPERATIONS) {
    for (const variant of variants) {
      const mine = runs.filter((run) => run.variant === variant);
      lines.push(`| ${op}, ${variant} | ${windows.map((_, i) => median(mine.map((run) => run.windows[i]!.p99ByOp[op]!))).join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
