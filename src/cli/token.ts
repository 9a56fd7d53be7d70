/**
 * `npm run token -- --role ADVISOR --sub A1 [--expires 12h]`: mint an HS256 token with the
 * JWT_SECRET of this environment (development and operations tooling).
 */
import { parseArgs } from 'node:util';
import { mintToken } from '../auth/jwt';
import { isRole } from '../auth/principal';
import { loadConfig } from '../config/config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '12h' } },
  });
  if (!isRole(values.role) || !values.sub) {
    process.stderr.write('usage: npm run token -- --role ADMIN|INGEST|ADVISOR|CUSTOMER --sub ID [--expires 12h]\n');
    process.exit(2);
  }
  if (!process.env.JWT_SECRET) {
    process.stderr.write('JWT_SECRET is not set: set the same secret the service runs with.\n');
    process.exit(2);
  }
  const config = loadConfig();
  const token = await mintToken(
    config.auth.jwtSecret,
    { role: values.role, sub: values.sub },
    { expiresIn: values.expires, issuer: config.auth.issuer, audience: config.auth.audience },
  );
  process.stdout.write(`${token}\n`);
}

void main();
