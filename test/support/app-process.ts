import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { freePort, mainThreadCpuMs, waitFor } from './processes';

export interface AppProcess {
  url: string;
  /** CPU time the server's event loop has used so far, in milliseconds (mainThreadCpuMs). */
  eventLoopCpuMs(): number;
  stop(): Promise<void>;
}

/**
 * The server as `npm start` runs it, in a process of its own, over the test
 * Neo4j (NEO4J_URI of the global setup; the graph is used as it is). Its event
 * loop, heap and CPU time are its own, as in production, unlike an app started
 * in the test's process.
 */
export async function startAppProcess(env: NodeJS.ProcessEnv = {}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: 'false',
      WARM_UP_SECONDS: '0',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const outcome = await waitFor(
    'the server process to be ready',
    async () => (child.exitCode !== null ? 'exited' : (await fetch(`${base}/health/ready`)).ok && 'ready'),
    120_000,
    100,
  ).catch((error: Error) => error.message);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`The server process did not start (${outcome}): ${stderr.slice(-2_000)}`);
  }
  return {
    url: `${base}/graphql`,
    eventLoopCpuMs: () => mainThreadCpuMs(child.pid!),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
