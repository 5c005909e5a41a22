import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { projectRoot } from '../../src/config';

/** The contract between bench/run.ts and a server it spawns: "READY <url>" on stdout, stop when stdin ends. */
export function serveUntilStdinCloses(url: string, stop: () => Promise<void>): void {
  process.stdout.write(`READY ${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The other side of that contract: runs `file` (compiled JavaScript, or
 * TypeScript under tsx) in a child process,
 * resolves with its URL once it prints "READY <url>", hands every other
 * stdout line to `onLine`. stop() closes its stdin and waits (SIGKILL after `killAfterMs`).
 */
export async function spawnServer(
  file: string,
  options: { env: NodeJS.ProcessEnv; name: string; startTimeoutMs: number; killAfterMs: number; onLine?: (line: string) => void },
): Promise<ServerProcess> {
  const child = spawn(process.execPath, file.endsWith('.ts') ? ['--require', 'tsx/cjs', file] : [file], {
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
