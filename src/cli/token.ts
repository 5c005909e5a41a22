import { parseArgs } from 'node:util';
import { signToken, signingSecret } from '../auth/tokens';
import { loadConfig } from '../config';

const usage = `Usage: npm run token -- --role editor [--role ROLE ...] [--sub alice] [--expires 8h]

Prints a bearer token for this server (HS256, signed with JWT_SECRET; outside
production, with the fixed development secret when JWT_SECRET is unset).
Send it as "Authorization: Bearer <token>". --expires takes 30m, 8h, 1d ...,
at most JWT_MAX_LIFETIME_SECONDS (24 h unless set): the server refuses longer ones.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const roles = values.role ?? [];
  if (roles.length === 0) {
    console.error(usage);
    return 2;
  }
  const expiresIn = values.expires ?? '8h';
  if (!/^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/i.test(expiresIn)) {
    console.error(`--expires "${expiresIn}" is not a duration such as 30m, 8h or 7d.`);
    return 2;
  }
  const config = loadConfig();
  if (!signingSecret(config)) {
    console.error('JWT_SECRET is not set: production tokens need JWT_SECRET (or come from your identity provider).');
    return 1;
  }
  if (!config.auth.secret) console.error(`Note: signed with the development secret (JWT_SECRET unset), accepted only when NODE_ENV is not production.`);
  console.log(await signToken(config, { subject: values.sub ?? 'local-editor', roles, expiresIn }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
