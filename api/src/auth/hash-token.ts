/**
 * Creates a token entry for API_TOKENS_FILE:
 *
 *   npx tsx api/src/auth/hash-token.ts <name> <role> [token]
 *
 * Prints the token (generated when not given; shown once, store it in the client) on stderr and the
 * JSON entry to append to the file on stdout. Only the hash goes into the file, which must not be
 * writable by group or others (`chmod 600`, or 640): the server refuses to start otherwise.
 */
import { randomBytes } from 'node:crypto';
import { isRole, ROLES } from './roles.ts';
import { sha256Hex } from './token-store.ts';

export function tokenEntry(name: string, role: string, token: string) {
  if (!isRole(role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  return { name, role, sha256: sha256Hex(token) };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/api\//, '/api/'));
if (isMain) {
  const [name, role, given] = process.argv.slice(2);
  if (!name || !role) {
    process.stderr.write(`usage: hash-token.ts <name> <${ROLES.join('|')}> [token]\n`);
    process.exit(2);
  }
  const token = given ?? randomBytes(24).toString('base64url');
  const entry = tokenEntry(name, role, token);
  if (!given) process.stderr.write(`token (shown once): ${token}\n`);
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}
