/**
 * Runs a real Neo4j 5.26 Community server locally without Docker: the launcher in neo4j-local/ (built from
 * Maven Central artifacts by scripts/setup-neo4j.js) embeds Neo4j and serves Bolt on 127.0.0.1 with auth
 * disabled. Local development and tests only.
 *
 * The Java process reads its stdin until EOF: when this Node process exits or dies (even by SIGKILL) the
 * pipe closes and Neo4j shuts down, so a server never outlives its parent.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as fs from 'fs';
import type { Socket } from 'net';
import * as path from 'path';
import { createInterface } from 'readline';

export interface LocalNeo4j {
  /** bolt://127.0.0.1:<port>; no authentication. */
  uri: string;
  pid: number;
  /** Resolves when the process has exited, however it ended (stop, crash, kill -9), with how. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** SIGTERM, wait up to 30 s for a clean shutdown, then SIGKILL. Idempotent. */
  stop(): Promise<void>;
}

export interface StartLocalNeo4jOptions {
  /** Neo4j home for this server: the store goes to <dataDir>/data, Neo4j's logs to <dataDir>/logs. Keep it git-ignored. */
  dataDir: string;
  /** Bolt port on 127.0.0.1; 0 or unset picks a free port. */
  port?: number;
  /** Max heap (-Xmx), e.g. "1g" (default). */
  heap?: string;
  /** Page cache size, e.g. "256m" (default). */
  pageCache?: string;
  log?: (msg: string) => void;
  /** How long to wait for the server to become ready; default 120 000 ms. */
  timeoutMs?: number;
}

const READY_RE = /^KINGRAPH_NEO4J_READY (bolt:\/\/\S+)\s*$/;
const DEFAULT_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;
const STDERR_TAIL_LINES = 20;
const DEFAULT_HEAP = '1g';
const DEFAULT_INITIAL_HEAP = '256m';
const DEFAULT_PAGE_CACHE = '256m';

/**
 * JVM flags of the Neo4j 5.26 distribution (conf/neo4j.conf `server.jvm.additional` plus the launcher's
 * -Dfile.encoding), minus -XX:+AlwaysPreTouch (commits the whole initial heap up front: slower start, more
 * RSS, no benefit for a dev server). -XX:+ExitOnOutOfMemoryError is ours: a dev server that ran out of heap
 * should die loudly rather than limp on.
 */
export const NEO4J_JVM_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
  '-Dfile.encoding=UTF-8',
  '-XX:+ExitOnOutOfMemoryError',
];

let repoRootCache: string | undefined;

/** Walks up from this file (src/db or dist/src/db) to the folder whose package.json is named "kingraph". */
export function findRepoRoot(start: string = __dirname): string {
  if (repoRootCache && start === __dirname) return repoRootCache;
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const parsed = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: unknown };
        if (parsed.name === 'kingraph') {
          if (start === __dirname) repoRootCache = dir;
          return dir;
        }
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the kingraph repo root (a package.json named "kingraph") above ${start}`);
    }
    dir = parent;
  }
}

function launcherPaths(): { dir: string; jar: string; lib: string; setupScript: string } {
  const root = findRepoRoot();
  const dir = path.join(root, 'neo4j-local');
  return {
    dir,
    jar: path.join(dir, 'target', 'neo4j-local.jar'),
    lib: path.join(dir, 'target', 'lib'),
    setupScript: path.join(root, 'scripts', 'setup-neo4j.js'),
  };
}

function javaBin(): string {
  const home = process.env['JAVA_HOME'];
  return home ? path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
}

let launcherReady: Promise<void> | undefined;

/**
 * Makes sure Java 17+ is present and neo4j-local/ is built (runs Maven when the launcher is missing or its
 * pom.xml / Java source changed). The logic lives in scripts/setup-neo4j.js, which this runs with --force.
 * Throws when Java or Maven is missing, naming the alternatives (docker compose, NEO4J_URI).
 */
export async function ensureLauncherBuilt(opts: { log?: (msg: string) => void } = {}): Promise<void> {
  if (!launcherReady) {
    launcherReady = runSetupScript(opts.log ?? (() => undefined));
    launcherReady.catch(() => {
      launcherReady = undefined; // let a later call retry
    });
  }
  return launcherReady;
}

function runSetupScript(log: (msg: string) => void): Promise<void> {
  const { setupScript } = launcherPaths();
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(process.execPath, [setupScript, '--force'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
      windowsHide: true,
    });
    const onLine = (line: string): void => {
      if (!line.trim()) return;
      output.push(line);
      if (output.length > 200) output.shift();
      log(line);
    };
    // Streamed, so a first build (Maven downloading Neo4j) shows progress as it goes.
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);
    child.once('error', (err) => reject(new Error(`Could not run ${setupScript}: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const firstError = output.findIndex((l) => l.includes('ERROR'));
      const detail = (firstError >= 0 ? output.slice(firstError) : output).slice(-40).join('\n');
      reject(
        new Error(
          `Could not provision the local Neo4j launcher (${setupScript} exited with ` +
            `${signal ? `signal ${signal}` : `code ${code}`}):\n${detail}`,
        ),
      );
    });
  });
}

const SIZE_RE = /^(\d+)([kmgt]?)$/i;

function sizeBytes(size: string): number {
  const m = SIZE_RE.exec(size.trim());
  if (!m) throw new Error(`Invalid size "${size}" (expected e.g. 512m, 1g)`);
  const unit = ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  return Number(m[1]) * 1024 ** unit;
}

/** Starts a Neo4j server; resolves once its default database accepts Bolt connections. */
export async function startLocalNeo4j(opts: StartLocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.log ?? (() => undefined);
  const heap = opts.heap ?? DEFAULT_HEAP;
  const pageCache = opts.pageCache ?? DEFAULT_PAGE_CACHE;
  const port = opts.port ?? 0;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port ${port}`);
  const heapBytes = sizeBytes(heap);
  sizeBytes(pageCache); // validate early with a clear message
  const initialHeap = heapBytes < sizeBytes(DEFAULT_INITIAL_HEAP) ? heap : DEFAULT_INITIAL_HEAP;

  await ensureLauncherBuilt({ log });

  const { jar, lib } = launcherPaths();
  const home = path.resolve(opts.dataDir);
  fs.mkdirSync(home, { recursive: true });

  const args = [
    ...NEO4J_JVM_FLAGS,
    `-Xms${initialHeap}`,
    `-Xmx${heap}`,
    '-cp',
    [jar, path.join(lib, '*')].join(path.delimiter),
    'kingraph.Neo4jLocal',
    '--home',
    home,
    '--port',
    String(port),
    '--pagecache',
    pageCache,
  ];
  const started = Date.now();
  log(`starting Neo4j (home ${home}, port ${port || 'auto'}, heap ${heap}, page cache ${pageCache})`);
  const child: ChildProcessWithoutNullStreams = spawn(javaBin(), args, {
    cwd: home,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: process.env,
    windowsHide: true,
  });

  // Never let a dying child's stdin pipe (EPIPE) or a failed kill() raise an unhandled 'error' in the parent.
  child.stdin.on('error', () => undefined);
  child.on('error', (err) => log(`[neo4j] process error: ${err.message}`));

  const stderrTail: string[] = [];
  createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    log(`[neo4j] ${line}`);
  });

  let exited = child.exitCode !== null || child.signalCode !== null;
  let how: { code: number | null; signal: string | null } = { code: child.exitCode, signal: child.signalCode };
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      how = { code, signal };
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });

  let uri: string;
  try {
    uri = await new Promise<string>((resolve, reject) => {
      const fail = (why: string): void => {
        const tail = stderrTail.length ? `\n--- last ${stderrTail.length} lines of stderr ---\n${stderrTail.join('\n')}` : '';
        reject(new Error(`Local Neo4j failed to start: ${why}${tail}`));
      };
      const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
      createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
        const ready = READY_RE.exec(line)?.[1];
        if (ready) {
          clearTimeout(timer);
          resolve(ready);
        } else if (line.trim()) {
          log(`[neo4j:stdout] ${line}`);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        fail(`could not run ${javaBin()}: ${err.message}`);
      });
      // 'close' (not 'exit'): fires once stdout/stderr are drained, so the stderr tail is complete.
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        fail(`process exited early (${signal ? `signal ${signal}` : `exit code ${code}`})`);
      });
    });
  } catch (err) {
    await terminate(child, exitPromise, () => exited);
    throw err;
  }

  log(`Neo4j ready at ${uri} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);

  // Running server: do not keep the Node event loop alive for it. If the parent exits without stop(), its end
  // of the stdin pipe closes and the server shuts itself down. Output keeps being drained while we live.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as Socket).unref?.();

  let stopping: Promise<void> | undefined;
  return {
    uri,
    pid: child.pid as number,
    exited: exitPromise.then(() => how),
    stop(): Promise<void> {
      stopping ??= terminate(child, exitPromise, () => exited).then(() =>
        log(`Neo4j stopped (pid ${child.pid})`),
      );
      return stopping;
    },
  };
}

/** SIGTERM (clean shutdown via the JVM's hook), then SIGKILL after STOP_GRACE_MS. Resolves once exited. */
async function terminate(
  child: ChildProcessWithoutNullStreams,
  exitPromise: Promise<void>,
  hasExited: () => boolean,
): Promise<void> {
  if (hasExited() || child.pid === undefined) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = await Promise.race([
    exitPromise.then(() => false),
    new Promise<boolean>((resolve) => {
      // A ref'd timer keeps the event loop alive until the child is gone.
      timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
    }),
  ]);
  clearTimeout(timer);
  if (killed && !hasExited()) {
    child.kill('SIGKILL');
    const keepAlive = setInterval(() => undefined, 1000);
    await exitPromise;
    clearInterval(keepAlive);
  }
}
