/**
 * The advisor console's build: `npm run build` bundles console/ into dist/console (served by
 * the service under /app, src/server/console.ts). The GraphQL operations are the committed
 * files in schema/operations, imported as text. Development: `npx vite --config
 * console/vite.config.mts` serves the console with /graphql proxied to a running service.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
/** The served schema (schema/schema.graphql is what the code emits; a test keeps them equal). */
const served = readFileSync(join(root, 'schema', 'schema.graphql'), 'utf8');

export default defineConfig({
  root: here,
  base: '/app/',
  publicDir: false,
  // The reveal-contact button shows only when the service this console is built with serves the mutation.
  define: { __KINGRAPH_REVEAL__: JSON.stringify(/\brevealIdentifiers\(/.test(served)) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: join(root, 'dist', 'console'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: [root] },
    proxy: { '/graphql': process.env.KINGRAPH_URL ?? 'http://127.0.0.1:4000' },
  },
});
