import { rmSync } from 'node:fs';
import type { LocalNeo4j } from '../../src/db/localNeo4j';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as Record<string, unknown>).__KINGRAPH_NEO4J__ as
    | { local: LocalNeo4j; dataDir: string }
    | undefined;
  if (!handle) return;
  await handle.local.stop();
  rmSync(handle.dataDir, { recursive: true, force: true });
}
