import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config';

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
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
