import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector';
import readline from 'node:readline';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { projectRoot } from '../../src/config';

/** The contract between bench/run.ts and a server it spawns: "READY <url>" on stdout, stop when stdin ends. */
export function serveUntilStdinCloses(url: string, stop: () => Promise<void>): void {
  if (process.env.BENCH_PROFILE_FILE) profileOnSignal(process.env.BENCH_PROFILE_FILE);
  process.stdout.write(`READY ${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

/**
 * For bench/profile.ts: each SIGUSR2 toggles a window. While it is open the
 * event loop's delay is measured and, when `file` ends in .cpuprofile, a V8 CPU
 * profile is taken (so startup is not in it); closing it writes the profile to
 * `file` and the loop's lag (ms beyond a 10 ms timer's period: p50, p99, max, mean) to `file`.lag.json.
 */
function profileOnSignal(file: string): void {
  const RESOLUTION_MS = 10;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  const profiling = file.endsWith('.cpuprofile');
  let lag: ReturnType<typeof monitorEventLoopDelay> | null = null;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!lag) {
        lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
        lag.enable();
        if (profiling) {
          await post('Profiler.enable');
          await post('Profiler.setSamplingInterval', { interval: 200 });
          await post('Profiler.start');
        }
        return;
      }
      lag.disable();
      // The histogram holds the time between ticks of a RESOLUTION_MS timer: the lag is what exceeds it.
      const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
      fs.writeFileSync(`${file}.lag.json`, JSON.stringify({ p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max), mean: ms(lag.mean) }));
      lag = null;
      if (profiling) fs.writeFileSync(file, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
      process.stdout.write('PROFILED\n');
    })();
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The flags `npm start` gives Node (its V8 heap settings: docs/operations.md,
 * "Memory"), read from package.json so that every server the bench and the
 * soak start runs as the API is deployed.
 */
export function startScriptNodeFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...words] = scripts.start!.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs "${command}", not node: its flags cannot be read`);
  return words.filter((word) => word.startsWith('--'));
}

/**
 * The other side of that contract: runs `file` (compiled JavaScript, or
 * TypeScript under tsx) in a child process, with `npm start`'s Node flags,
 * resolves with its URL once it prints "READY <url>", hands every other
 * stdout line to `onLine`. stop() closes its stdin and waits (SIGKILL after `killAfterMs`).
 */
export async function spawnServer(
  file: string,
  options: { env: NodeJS.ProcessEnv; name: string; startTimeoutMs: number; killAfterMs: number; onLine?: (line: string) => void },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...startScriptNodeFlags(), ...(file.endsWith('.ts') ? ['--require', 'tsx/cjs', file] : [file])], {
    cwd: projectRoot,
    env: options.env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} did not start within ${options.startTimeoutMs / 1000} s`)), options.startTimeoutMs);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(line.slice(6).trim());
      } else options.onLine?.(line);
    });
    child.once('exit', (code) => reject(new Error(`${options.name} exited (${code}) before it was ready`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.stdin!.end();
      }),
  };
}
