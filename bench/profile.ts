/**
 * Where a request's time goes: runs the compiled servers (npm run build:bench)
 * against the bench's Neo4j, puts each operation under autocannon load on one
 * system at a time, and per (system, operation) measures
 *
 * - a plain window: requests/s, p50/p99, the server's and Neo4j's CPU time per
 *   request (/proc/<pid>/stat), the event loop's delay;
 * - a profiled window: a V8 CPU profile of the server (bench/servers/lifecycle.ts
 *   takes it on SIGUSR2, so startup is not in it), summarised by layer
 *   (HTTP framework, logging, Apollo, graphql, driver, app code, GC ...).
 *
 *   npx tsx bench/profile.ts --scale medium --ops EntryPage,CrossLink --systems api-uncached,raw [--seconds 10] [--rate N] [--out .data/profiles]
 *
 * With --rate the windows send N requests/s in all instead of as many as the
 * connections can: at a rate both systems hold, CPU per request is the work's
 * own, not a saturated process's share divided by what it answered.
 *
 * Every operation runs 5 s on the floor first, unmeasured (a fresh Neo4j's page
 * cache is cold), and the API's servers warm themselves up before READY. Run
 * it alone on the machine (flock -x /tmp/machine.lock): it reports times.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config';
import { openBenchDatabase, scaleFrom } from './dataset';
import { OPERATIONS, type OperationName } from './operations';
import { cpuSeconds, neo4jPid, postLoad } from './measurement';
import { spawnServer, type ServerProcess } from './servers/lifecycle';
import { SyntheticWiki } from './synth/generator';
import { requestBodies } from './workload/requests';
import { cycleWorkload } from './workload/workload';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SYSTEMS = ['api-uncached', 'raw'] as const;
type SystemName = (typeof SYSTEMS)[number];
const SECONDS = Number(flag('seconds') ?? 10);
const CONNECTIONS = 16;
const RATE = flag('rate') ? Number(flag('rate')) : undefined;

const load = (url: string, next: () => string, seconds: number, overallRate?: number) => postLoad(url, next, { seconds, connections: CONNECTIONS, overallRate });

/** Sends SIGUSR2 and waits for the server to say it wrote its window's files. */
async function toggle(server: ServerProcess, waitForWrite: boolean, lines: string[]): Promise<void> {
  const before = lines.length;
  server.child.kill('SIGUSR2');
  if (!waitForWrite) return new Promise((resolve) => setTimeout(resolve, 100));
  while (!lines.slice(before).includes('PROFILED')) await new Promise((resolve) => setTimeout(resolve, 50));
}

// ------------------------------------------------------------------ profile summary

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The layer a stack frame belongs to, by its file. */
function layerOf(url: string, name: string): string {
  if (!url) {
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)' || name === '(program)') return name;
    return 'V8/native';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) {
    if (['express', 'router', 'body-parser', 'raw-body', 'iconv-lite', 'type-is', 'content-type', 'on-finished', 'finalhandler', 'qs', 'accepts', 'negotiator', 'mime-types', 'media-typer', 'path-to-regexp', 'parseurl', 'depd', 'http-errors', 'statuses', 'send', 'serve-static', 'fresh', 'etag', 'vary', 'proxy-addr', 'forwarded', 'ipaddr.js', 'cookie', 'encodeurl', 'escape-html', 'range-parser', 'unpipe', 'ee-first', 'destroy', 'content-disposition', 'setprototypeof', 'inherits', 'safe-buffer', 'bytes'].includes(pkg))
      return 'express';
    if (pkg === 'fastify' || pkg.startsWith('@fastify/') || ['find-my-way', 'light-my-request', 'avvio', 'secure-json-parse', 'fast-querystring', 'fast-decode-uri-component', 'toad-cache', 'rfdc', 'abstract-logging', 'process-warning', 'fastq', 'reusify'].includes(pkg)) return 'fastify';
    if (['pino', 'pino-http', 'pino-std-serializers', 'sonic-boom', 'thread-stream', 'fast-redact', 'quick-format-unescaped', 'atomic-sleep', 'on-exit-leak-free', 'safe-stable-stringify'].includes(pkg)) return 'logging (pino)';
    if (pkg.startsWith('@apollo/') || pkg === 'lru-cache' || pkg === 'whatwg-mimetype' || pkg === 'negotiator') return 'apollo';
    if (pkg === 'graphql-jit' || pkg === 'fast-json-stringify' || pkg === 'generate-function' || pkg === 'lodash.memoize' || pkg === 'lodash.merge') return 'graphql-jit';
    if (pkg === 'graphql' || pkg.startsWith('@graphql-tools/') || pkg.startsWith('@escape.tech/')) return 'graphql-js';
    if (pkg.startsWith('neo4j-driver')) return 'neo4j-driver';
    if (pkg === 'dataloader') return 'dataloader';
    if (pkg === 'prom-client' || pkg === 'tdigest' || pkg === 'bintrees') return 'prom-client';
    return `pkg:${pkg}`;
  }
  const app = /dist\/(src|bench)\/([^/]+)/.exec(url);
  if (app) return app[1] === 'bench' ? 'bench server' : `app:${app[2]!.replace(/\.js$/, '')}`;
  if (url.startsWith('node:internal/async_hooks') || url.includes('async_local_storage') || url.includes('promise_hooks')) return 'node:async_hooks';
  if (url.startsWith('node:internal/http') || url.startsWith('node:_http') || url.startsWith('node:http')) return 'node:http';
  if (url.startsWith('node:internal/stream') || url.startsWith('node:net') || url.startsWith('node:internal/net')) return 'node:net/streams';
  if (url.startsWith('node:')) return 'node:other';
  return 'other';
}

/** Self time per layer (ms) and the top self-time functions, over the profile's busy samples. */
function summarise(profile: CpuProfile, requests: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const layer = layerOf(node.callFrame.url, node.callFrame.functionName);
    layers.set(layer, (layers.get(layer) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*dist\//, '')}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const busy = [...layers].filter(([l]) => l !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
  const perRequest = (us: number) => Math.round(us / Math.max(1, requests));
  return {
    busyUsPerRequest: perRequest(busy),
    layers: Object.fromEntries(
      [...layers].filter(([l]) => l !== '(idle)').sort((a, b) => b[1] - a[1]).map(([l, us]) => [l, { usPerRequest: perRequest(us), share: Math.round((us / busy) * 1000) / 10 }]),
    ),
    topFunctions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([fn, us]) => ({ fn, usPerRequest: perRequest(us) })),
  };
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const choice = scaleFrom(args, process.env, 'medium');
  const ops = (flag('ops')?.split(',') ?? [...OPERATIONS]) as OperationName[];
  const systems = (flag('systems')?.split(',') ?? [...SYSTEMS]) as SystemName[];
  const out = path.resolve(flag('out') ?? path.join(projectRoot, '.data', 'profiles', new Date().toISOString().slice(0, 16).replace(/:/g, '')));
  fs.mkdirSync(out, { recursive: true });
  const db = await openBenchDatabase({ choice });
  const neo4j = neo4jPid(Number(process.env.BENCH_NEO4J_PORT ?? 7689));
  const results: unknown[] = [];
  try {
    const wiki = new SyntheticWiki(choice.scale);
    // The cycle workload (the runs up to 2026-12-01 and this profile's): few inputs, repeated, so each layer's cost is steady.
    const workload = await cycleWorkload(db.graph, wiki, choice.scale.seed);
    // A fresh Neo4j's page cache is cold: every operation runs once on the floor, unmeasured, before any cell.
    const warm = await spawnServer(path.join(projectRoot, 'dist', 'bench', 'servers', 'raw.js'), {
      env: { ...process.env, NEO4J_URI: db.uri },
      name: 'raw (warm-up)',
      startTimeoutMs: 120_000,
      killAfterMs: 15_000,
    });
    try {
      for (const op of ops) await load(warm.url, requestBodies('raw', op, workload), 5);
    } finally {
      await warm.stop();
    }
    for (const system of systems) {
      for (const op of ops) {
        const file = path.join(out, `${system}-${op}.cpuprofile`);
        const lines: string[] = [];
        const plainFile = path.join(out, `${system}-${op}.plain`);
        const start = (profileFile: string) =>
          spawnServer(path.join(projectRoot, 'dist', 'bench', 'servers', `${system === 'raw' ? 'raw' : 'api'}.js`), {
            // The API warms itself up before READY, as deployed (src/http/warm-up.ts): a fresh server's first evidence
            // request builds the expander, and 3 s of load left its windows cold on a freshly started Neo4j.
            env: { ...process.env, NEO4J_URI: db.uri, NODE_ENV: 'production', RESPONSE_CACHE: 'false', BENCH_PROFILE_FILE: profileFile, BENCH_WARM_UP_SECONDS: '10' },
            name: system,
            startTimeoutMs: 120_000,
            killAfterMs: 15_000,
            onLine: (line) => lines.push(line),
          });
        const next = requestBodies(system, op, workload);
        const server = await start(plainFile);
        try {
          await load(server.url, next, 3);
          // Plain window: throughput, CPU per request, loop delay.
          const cpu0 = cpuSeconds(server.child.pid!);
          const db0 = neo4j ? cpuSeconds(neo4j) : 0;
          await toggle(server, false, lines);
          const plain = await load(server.url, next, SECONDS, RATE);
          await toggle(server, true, lines);
          const cpu = cpuSeconds(server.child.pid!) - cpu0;
          const dbCpu = neo4j ? cpuSeconds(neo4j) - db0 : NaN;
          const lag = JSON.parse(fs.readFileSync(`${plainFile}.lag.json`, 'utf8'));
          const requests = plain.requests.total;
          // Profiled window, in a server of its own (the profile then holds only this window).
          await server.stop();
          const profiled = await start(file);
          try {
            await load(profiled.url, next, 3);
            await toggle(profiled, false, lines);
            const underProfile = await load(profiled.url, next, SECONDS, RATE);
            await toggle(profiled, true, lines);
            const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
            const result = {
              system,
              op,
              ...(RATE ? { rate: RATE } : {}),
              rps: plain.requests.average,
              p50: plain.latency.p50,
              p99: plain.latency.p99,
              non2xx: plain.non2xx,
              serverCpuUsPerRequest: Math.round((cpu * 1e6) / requests),
              neo4jCpuUsPerRequest: Math.round((dbCpu * 1e6) / requests),
              eventLoopDelayMs: lag,
              profile: summarise(profile, underProfile.requests.total),
            };
            results.push(result);
            process.stderr.write(`${JSON.stringify(result, null, 1)}\n`);
          } finally {
            await profiled.stop();
          }
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await db.stop();
  }
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(results, null, 2));
  process.stderr.write(`Profiles and summary.json in ${out}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
