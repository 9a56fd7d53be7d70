import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/*
 * Layering of src/ (low to high), enforced by import-x/no-restricted-paths below:
 *   floor    src/config, src/db, src/calendar, src/logger.ts, src/clock.ts, src/errors.ts, src/paths.ts
 *   kit      src/auth < src/graphql            (may import the floor; graphql may import auth)
 *   features src/identity < src/family < src/coverage; src/referral (imports identity only)
 *   views    src/views/**                      (features and everything below)
 *   server   src/server                        (composition root: everything except cli)
 *   top      src/main.ts, src/cli/**           (nothing imports them)
 * Each zone says: files under `target` must not import files matched by `from` unless they match `except`.
 * The floor, kit and named features are allow-lists (everything else in src/ is forbidden), so a
 * new src/ folder is forbidden to them until it is placed in this table. Folders not named here are
 * treated as features of their own: they may not import views, server or cli.
 * Type-only imports count too: a layer's types belong to its layer.
 */
const ROOT = dirname(fileURLToPath(import.meta.url));
const FEATURES = ['identity', 'family', 'coverage', 'referral', 'advisors', 'worklist'];
const KNOWN = ['config', 'db', 'calendar', 'auth', 'graphql', ...FEATURES, 'views', 'server', 'cli'];
// Absolute globs: no-restricted-paths matches `except` globs against absolute paths as they are.
const dir = (name) => `${ROOT}/src/${name}/**`;
const FLOOR_GLOBS = [dir('config'), dir('db'), dir('calendar'), `${ROOT}/src/{logger,clock,errors,paths}.ts`];
const FLOOR_TARGETS = ['src/config', 'src/db', 'src/calendar', 'src/logger.ts', 'src/clock.ts', 'src/errors.ts', 'src/paths.ts'];

/** Zone: files under `target` may import, within src/, only what `allowed` matches. */
const onlyFrom = (target, allowed, message) => ({ target, from: `${ROOT}/src/**`, except: allowed, message });

const layerZones = [
  onlyFrom(FLOOR_TARGETS, FLOOR_GLOBS,
    'Layering: the floor (config, db, calendar, logger, clock, errors, paths) imports only the floor.'),
  onlyFrom('src/auth', [...FLOOR_GLOBS, dir('auth')],
    'Layering: src/auth may import only the floor (not graphql, a feature, views, server or cli).'),
  onlyFrom('src/graphql', [...FLOOR_GLOBS, dir('auth'), dir('graphql')],
    'Layering: the GraphQL kit (src/graphql) may import the floor and src/auth only, never a feature, views, server or cli.'),
  onlyFrom('src/identity', [...FLOOR_GLOBS, dir('auth'), dir('graphql'), dir('identity')],
    'Layering: identity is the lowest feature; it may import the floor, auth and graphql only (not family, coverage, referral, views, server or cli).'),
  onlyFrom('src/family', [...FLOOR_GLOBS, dir('auth'), dir('graphql'), dir('identity'), dir('family')],
    'Layering: family may import identity, auth, graphql and the floor only (not coverage, referral, views, server or cli).'),
  onlyFrom('src/coverage', [...FLOOR_GLOBS, dir('auth'), dir('graphql'), dir('identity'), dir('family'), dir('coverage')],
    'Layering: coverage may import identity, family, auth, graphql and the floor only (not referral, views, server or cli).'),
  onlyFrom('src/referral', [...FLOOR_GLOBS, dir('auth'), dir('graphql'), dir('identity'), dir('referral')],
    'Layering: referral may import identity, auth, graphql and the floor only (not family, coverage, views, server or cli).'),
  onlyFrom('src/advisors', [...FLOOR_GLOBS, dir('auth'), dir('graphql'), dir('identity'), dir('family'), dir('advisors')],
    'Layering: advisors may import family, identity, auth, graphql and the floor only (not coverage, referral, worklist, views, server or cli).'),
  onlyFrom('src/worklist', [...FLOOR_GLOBS, dir('auth'), dir('graphql'), dir('identity'), dir('family'), dir('coverage'), dir('referral'), dir('worklist')],
    'Layering: the work-list may import coverage, referral, family, identity, auth, graphql and the floor only (not advisors, views, server or cli).'),
  {
    // Folders not in KNOWN (new features) sit with the features: never above them.
    target: `${ROOT}/src/!(${KNOWN.join('|')})/**`,
    from: ['src/views', 'src/server', 'src/cli', 'src/main.ts'],
    message: 'Layering: a feature must not import views, server or cli (place new src/ folders in the table in eslint.config.mjs).',
  },
  {
    target: 'src/views',
    from: ['src/server', 'src/cli', 'src/main.ts'],
    message: 'Layering: views may import features and below, never server or cli.',
  },
  {
    target: 'src/server',
    from: ['src/cli', 'src/main.ts'],
    message: 'Layering: the composition root (src/server) may import everything except cli and main.ts.',
  },
  {
    target: 'src/cli',
    from: 'src/main.ts',
    message: 'Layering: src/main.ts is an entry point; cli must not import it.',
  },
  {
    target: 'src',
    from: ['bench', 'test'],
    message: 'Production code must not import bench/ or test/.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'neo4j-local/', '.data/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: `${ROOT}/tsconfig.json` }),
        createNodeResolver(),
      ],
    },
    rules: {
      // Type-only imports (`import type`) are erased at compile time and are not followed.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: layerZones }],
    },
  },
  {
    // The test kit (test/kit) sits under every test: it never imports a test or an area's helpers.
    files: ['test/kit/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: ROOT, zones: [{ target: 'test/kit', from: ['test/integration', 'test/unit'], message: 'The test kit must not import tests or their helpers.' }] },
      ],
    },
  },
  {
    // No Cypher inline in tests: statements are named files (test/kit/cypher/, read through
    // graph(t) from test/kit/graph.ts; or the app's cypher/). The EXPLAIN test prefixes named ones.
    files: ['test/**/*.ts'],
    ignores: ['test/integration/db/explain.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(run|runAutoCommit)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]',
          message: 'No inline Cypher in tests: add a named statement under test/kit/cypher/ (with a // header) and run it through graph(t).',
        },
      ],
    },
  },
);
