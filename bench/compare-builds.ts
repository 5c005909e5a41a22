/**
 * Two builds of the API side by side at a fixed rate: what a change takes off
 * each request, where the saturated bench's rounds spread too wide to show it.
 *
 *   npx tsx bench/compare-builds.ts --scale medium --ops EntryPage,Evidence --builds before=/path/to/checkout,after=. \
 *     [--rate 120] [--rounds 4] [--seconds 12] [--write]
 *
 * Each build is a checkout with its bench servers compiled (`npm run
 * build:bench` there). For each round and operation, each build in turn
 * (alternated, so drift falls on both) starts its compiled API (response cache
 * off, warmed up as deployed) on the bench's Neo4j, takes 4 s of the load,
 * then a measured window of N requests/s in all (the cycle workload):
 * requests answered, latency, and the server's and Neo4j's CPU per request. The
 * floor (`raw`) can be one of the builds (`floor=raw`). Round 0 is reported
 * but left out of the medians (a freshly started Neo4j is cold). Run it alone
 * on the machine (flock -x /tmp/machine.lock): it reports CPU times.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config';
import { BENCH_NEO4J_PORT, openBenchDatabase, scaleFrom } from './dataset';
import { OPERATIONS, type OperationName } from './operations';
import { cpuSeconds, neo4jPid, postLoad } from './measurement';
import { spawnServer } from './servers/lifecycle';
import { SyntheticWiki } from './synth/generator';
import { requestBodies } from './workload/requests';
import { cycleWorkload } from './workload/workload';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const RATE = Number(flag('rate') ?? 120);
const ROUNDS = Number(flag('rounds') ?? 4);
const SECONDS = Number(flag('seconds') ?? 12);
const CONNECTIONS = 16;

/** A build to measure: its name and the checkout whose dist/bench/servers it runs; `raw` runs this checkout's floor. */
interface Build {
  name: string;
  root: string | 'raw';
}

function buildsFrom(value: string | undefined): Build[] {
  const builds = (value ?? `current=${projectRoot}`).split(',').map((part) => {
    const [name, root] = part.split('=');
    if (!name || !root) throw new Error(`--builds takes name=checkout pairs, comma-separated (got "${part}")`);
    return { name, root: root === 'raw' ? 'raw' : path.resolve(root) } as Build;
  });
  for (const { root } of builds) {
    if (root !== 'raw' && !fs.existsSync(path.join(root, 'dist', 'bench', 'servers', 'api.js'))) throw new Error(`${root} has no compiled bench servers: run npm run build:bench there`);
  }
  return builds;
}

interface Window {
  round: number;
  build: string;
  op: OperationName;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  nodeCpuUsPerRequest: number;
  neo4jCpuUsPerRequest: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const choice = scaleFrom(args, process.env, 'medium');
  const ops = (flag('ops')?.split(',') ?? [...OPERATIONS]) as OperationName[];
  const builds = buildsFrom(flag('builds'));
  const port = Number(process.env.BENCH_NEO4J_PORT ?? BENCH_NEO4J_PORT);
  const db = await openBenchDatabase({ choice, port });
  const neo4j = neo4jPid(port);
  if (neo4j === null) throw new Error('The bench Neo4j process was not found (compare-builds measures a local one).');
  const windows: Window[] = [];
  try {
    const workload = await cycleWorkload(db.graph, new SyntheticWiki(choice.scale), choice.scale.seed);
    for (let round = 0; round < ROUNDS; round++) {
      for (const op of ops) {
        for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
          const system = build.root === 'raw' ? 'raw' : 'api-uncached';
          const file = build.root === 'raw' ? path.join(projectRoot, 'dist', 'bench', 'servers', 'raw.js') : path.join(build.root, 'dist', 'bench', 'servers', 'api.js');
          const server = await spawnServer(file, {
            env: { ...process.env, NEO4J_URI: db.uri, NODE_ENV: 'production', RESPONSE_CACHE: 'false', BENCH_WARM_UP_SECONDS: '10' },
            name: `${build.name} ${op}`,
            startTimeoutMs: 120_000,
            killAfterMs: 15_000,
          });
          try {
            const next = requestBodies(system, op, workload);
            const load = (seconds: number) => postLoad(server.url, next, { seconds, connections: CONNECTIONS, overallRate: RATE });
            await load(4);
            const node0 = cpuSeconds(server.child.pid!);
            const db0 = cpuSeconds(neo4j);
            const result = await load(SECONDS);
            const requests = result.requests.total;
            const window: Window = {
              round,
              build: build.name,
              op,
              requests,
              errors: result.non2xx + result.errors,
              p50: result.latency.p50,
              p99: result.latency.p99,
              nodeCpuUsPerRequest: Math.round(((cpuSeconds(server.child.pid!) - node0) * 1e6) / requests),
              neo4jCpuUsPerRequest: Math.round(((cpuSeconds(neo4j) - db0) * 1e6) / requests),
            };
            windows.push(window);
            process.stderr.write(`${JSON.stringify(window)}\n`);
          } finally {
            await server.stop();
          }
        }
      }
    }
  } finally {
    await db.stop();
  }

  const lines = [
    `# Builds compared at ${RATE} requests/s, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `\`npx tsx bench/compare-builds.ts ${args.join(' ')}\`: scale "${choice.label}", the cycle workload, ${RATE} requests/s in all over ${CONNECTIONS} connections, ${SECONDS}-s windows after 4 s of load, ${ROUNDS} rounds with the builds alternated; the API's response cache off. Builds: ${builds.map((b) => `${b.name} (${b.root === 'raw' ? 'the floor' : b.root})`).join(', ')}. Medians over rounds 1–${ROUNDS - 1} (round 0 on a cold Neo4j).`,
    '',
    '| operation | build | requests (median) | p50 / p99 ms (median) | Node CPU µs per request, by round | Neo4j CPU µs per request, by round | Node / Neo4j µs (median) |',
    '|---|---|---:|---|---|---|---:|',
  ];
  for (const op of ops) {
    for (const build of builds) {
      const mine = windows.filter((w) => w.op === op && w.build === build.name);
      const warm = mine.filter((w) => w.round > 0);
      lines.push(
        `| ${op} | ${build.name} | ${median(warm.map((w) => w.requests))} | ${median(warm.map((w) => w.p50))} / ${median(warm.map((w) => w.p99))} | ${mine
          .map((w) => w.nodeCpuUsPerRequest.toLocaleString('en-US'))
          .join(' / ')} | ${mine.map((w) => w.neo4jCpuUsPerRequest.toLocaleString('en-US')).join(' / ')} | ${median(warm.map((w) => w.nodeCpuUsPerRequest)).toLocaleString('en-US')} / ${median(
          warm.map((w) => w.neo4jCpuUsPerRequest),
        ).toLocaleString('en-US')} |`,
      );
    }
  }
  const markdown = `${lines.join('\n')}\n`;
  process.stdout.write(markdown);
  if (args.includes('--write')) {
    const base = path.join(projectRoot, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-compare-builds-${ops.join('-')}`);
    fs.writeFileSync(`${base}.json`, JSON.stringify({ rate: RATE, rounds: ROUNDS, seconds: SECONDS, builds, windows }, null, 2));
    fs.writeFileSync(`${base}.md`, markdown);
    process.stderr.write(`Results: ${base}.md and .json\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
