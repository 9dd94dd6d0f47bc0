/**
 * `npm run -s token -- <username> [--expires-in 3600] [--data-dir .data]`: prints only a token
 * the local stack accepts (signed with the key in `<dataDir>/local-issuer.json`, made if missing).
 */
import path from 'node:path';
import { REPO_ROOT } from './app-version';
import { USERNAME_PATTERN } from './demo-users';
import { createLocalIssuer, DEFAULT_TOKEN_LIFETIME_SECONDS } from './local-issuer';

const USAGE =
  'usage: npm run -s token -- <username> [--expires-in <seconds>] [--data-dir <folder>]';

export const main = (argv: readonly string[], out = console.log, err = console.error): number => {
  let username: string | undefined;
  let expiresInSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
  let dataDir = path.join(REPO_ROOT, '.data');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--expires-in') {
      expiresInSeconds = Number(argv[(i += 1)]);
      if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) {
        err(`token: --expires-in needs a positive number of seconds.\n${USAGE}`);
        return 2;
      }
    } else if (arg === '--data-dir') {
      dataDir = path.resolve(argv[(i += 1)] ?? '.data');
    } else if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    } else if (!arg.startsWith('-') && username === undefined) {
      username = arg;
    } else {
      err(`token: unexpected argument ${arg}.\n${USAGE}`);
      return 2;
    }
  }
  if (!username) {
    err(`token: which user?\n${USAGE}`);
    return 2;
  }
  if (!USERNAME_PATTERN.test(username)) {
    err(`token: "${username}" is not a valid username (${USERNAME_PATTERN.source}).`);
    return 2;
  }
  const issuer = createLocalIssuer({ keyFile: path.join(dataDir, 'local-issuer.json') });
  out(issuer.sign(username, { expiresInSeconds }));
  return 0;
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
