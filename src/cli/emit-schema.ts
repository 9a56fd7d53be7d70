/** `npm run schema:emit`: write the served schema to schema/schema.graphql. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../server/schema';
import { repoRoot } from '../paths';

const target = join(repoRoot(), 'schema', 'schema.graphql');
writeFileSync(target, printAppSchema());
process.stdout.write(`wrote ${target}\n`);
