/** What the fixed-window tools (profile.ts, compare-builds.ts, soak.ts) measure with: a process's CPU, the bench's Neo4j, a POST load. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config';

/** Clock ticks a second (USER_HZ on Linux): /proc/<pid>/stat counts CPU time in them. */
const TICKS = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** The bench's Neo4j: the Java process serving this port's data folder. */
export function neo4jPid(port: number): number | null {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  const dir = path.join(projectRoot, '.data', 'neo4j-bench');
  const line = out.split('\n').find((l) => l.includes('java') && l.includes(dir) && l.includes(String(port)));
  return line ? Number(line.trim().split(/\s+/)[0]) : null;
}

/**
 * POSTs a body from `next` per request to `url` for `seconds` over
 * `connections`: as many as they can send, or `overallRate` requests/s in all.
 */
export function postLoad(url: string, next: () => string, options: { seconds: number; connections: number; overallRate?: number }) {
  return autocannon({
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: options.seconds,
    requests: [{ setupRequest: (request) => ({ ...request, body: next() }) }],
  });
}
