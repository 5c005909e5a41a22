import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTokenVerifier } from '../../src/auth/tokens';
import { projectRoot } from '../../src/config';
import { testConfig } from '../support/test-app';

/** `npm run token`: the CLI prints a token this server accepts. */
describe('npm run token', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), path.join(projectRoot, 'src/cli/token.ts'), ...args], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long', ...env },
      timeout: 30_000,
    });

  it('prints an editor token with the subject and roles asked for', async () => {
    const result = run(['--role', 'editor', '--role', 'reader', '--sub', 'alice', '--expires', '30m']);
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    await expect(createTokenVerifier(testConfig()).verify(token)).resolves.toEqual({ subject: 'alice', roles: ['editor', 'reader'] });
  });

  it('refuses to run without a role or with a bad duration', () => {
    expect(run([]).status).toBe(2);
    expect(run(['--role', 'editor', '--expires', 'forever']).status).toBe(2);
  });

  it('refuses a lifetime the server would refuse', () => {
    const result = run(['--role', 'editor', '--expires', '30d']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_MAX_LIFETIME_SECONDS/);
    expect(result.stdout).toBe('');
  });

  it('refuses in production without JWT_SECRET', () => {
    const result = run(['--role', 'editor'], { NODE_ENV: 'production', JWT_SECRET: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET/);
  });
});
