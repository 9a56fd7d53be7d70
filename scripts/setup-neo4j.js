#!/usr/bin/env node
'use strict';
/**
 * Provisions the local Neo4j launcher in neo4j-local/ (a real Neo4j Community server from Maven Central,
 * no Docker): builds it with Maven when it is missing or its inputs changed. Runs before `npm test` and
 * `npm start`; src/db/localNeo4j.ts runs it too (with --force) before starting a server, so this file is
 * the single place that knows how the launcher is built.
 *
 *   node scripts/setup-neo4j.js           no-op when NEO4J_URI is set (an external Neo4j is used)
 *   node scripts/setup-neo4j.js --force   build even when NEO4J_URI is set
 *
 * Exit status: 0 ready, 1 build failed, 2 Java 17+ or Maven missing.
 * Staleness is decided by a SHA-256 of pom.xml and src/ recorded in target/ after a successful build
 * (robust to git checkouts touching mtimes, and to Maven leaving an up-to-date jar untouched).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const LAUNCHER_DIR = path.resolve(__dirname, '..', 'neo4j-local');
const TARGET = path.join(LAUNCHER_DIR, 'target');
const JAR = path.join(TARGET, 'neo4j-local.jar');
const LIB = path.join(TARGET, 'lib');
const STAMP = path.join(TARGET, '.kingraph-build-inputs.sha256');
const LOCK = path.join(TARGET, '.kingraph-build-lock');
const LOCK_STALE_MS = 15 * 60 * 1000;
const MIN_JAVA = 17;
const IS_WIN = process.platform === 'win32';

const ALTERNATIVES =
  'Alternatives: run `docker compose up` and use that Neo4j, or set NEO4J_URI ' +
  '(and NEO4J_USER / NEO4J_PASSWORD if needed) to an existing Neo4j 5.x.';

class SetupError extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

function log(msg) {
  process.stderr.write(`[setup-neo4j] ${msg}\n`);
}

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', IS_WIN ? 'java.exe' : 'java') : 'java';
}

function missingTools(what) {
  return new SetupError(
    `${what}\nRunning a local Neo4j (without Docker) needs Java ${MIN_JAVA}+ ('java' on PATH or JAVA_HOME) ` +
      `and Apache Maven 3.6+ ('mvn' on PATH) to fetch Neo4j from Maven Central.\n${ALTERNATIVES}`,
    2,
  );
}

function checkJava() {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw missingTools(`Java was not found (tried \`${javaBin()} -version\`).`);
  }
  const out = `${r.stderr}${r.stdout}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!(major >= MIN_JAVA)) {
    throw missingTools(`Java ${MIN_JAVA}+ is required, found: ${out.split('\n')[0].trim()}`);
  }
}

function checkMaven() {
  const r = spawnSync('mvn', ['-v', '-B'], { encoding: 'utf8', shell: IS_WIN });
  if (r.error || r.status !== 0) {
    throw missingTools('Maven was not found (tried `mvn -v`).');
  }
}

function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function inputsHash() {
  const h = crypto.createHash('sha256');
  const files = [path.join(LAUNCHER_DIR, 'pom.xml'), ...listFiles(path.join(LAUNCHER_DIR, 'src'))].sort();
  for (const f of files) {
    h.update(path.relative(LAUNCHER_DIR, f).split(path.sep).join('/'));
    h.update('\0');
    h.update(fs.readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

function isFresh(hash) {
  try {
    return (
      fs.statSync(JAR).isFile() &&
      fs.readdirSync(LIB).some((f) => f.endsWith('.jar')) &&
      fs.readFileSync(STAMP, 'utf8').trim() === hash
    );
  } catch {
    return false;
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** A mkdir lock, so parallel callers (e.g. several jest workers) never run two Maven builds at once. */
function withBuildLock(fn) {
  fs.mkdirSync(TARGET, { recursive: true });
  let waitingSince = 0;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let stale = false;
      try {
        const pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
        stale = (pid > 0 && !pidAlive(pid)) || Date.now() - fs.statSync(LOCK).mtimeMs > LOCK_STALE_MS;
      } catch {
        // lock being created or removed right now: look again shortly
      }
      if (stale) {
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (!waitingSince) {
        waitingSince = Date.now();
        log('another process is building the Neo4j launcher; waiting...');
      }
      sleepSync(250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds neo4j-local/ if needed. Returns true when a build ran. Throws SetupError. */
function ensureLauncherBuilt() {
  checkJava();
  if (isFresh(inputsHash())) return false;
  return withBuildLock(() => {
    const hash = inputsHash();
    if (isFresh(hash)) return false; // built by another process while we waited
    checkMaven();
    log('building the Neo4j launcher with Maven (the first build downloads about 125 MB from Maven Central)...');
    // Old jars would linger in lib/ after a version bump and end up on the classpath twice.
    fs.rmSync(LIB, { recursive: true, force: true });
    fs.rmSync(STAMP, { force: true });
    const r = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-DskipTests', 'package'], {
      cwd: LAUNCHER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      shell: IS_WIN,
    });
    // -q leaves only errors; Maven 3.8 still emits stray ANSI resets, which would clutter logs.
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
    const mvnOut = `${r.stdout || ''}${r.stderr || ''}`.replace(ansi, '').trim();
    if (mvnOut) process.stderr.write(`${mvnOut}\n`);
    if (r.error || r.status !== 0) {
      throw new SetupError(
        `Maven build of ${LAUNCHER_DIR} failed (${r.error ? r.error.message : `exit status ${r.status}`}); ` +
          `see the Maven output above. Retry with: (cd neo4j-local && mvn -B -DskipTests package)\n${ALTERNATIVES}`,
        1,
      );
    }
    if (!fs.existsSync(JAR)) {
      throw new SetupError(`Maven finished but ${JAR} is missing.`, 1);
    }
    fs.writeFileSync(STAMP, `${hash}\n`);
    return true;
  });
}

function main() {
  const force = process.argv.includes('--force');
  if (process.env.NEO4J_URI && !force) {
    log(`NEO4J_URI is set (${process.env.NEO4J_URI}); using that Neo4j, nothing to provision.`);
    return 0;
  }
  const started = Date.now();
  try {
    const built = ensureLauncherBuilt();
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log(built ? `Neo4j launcher built in ${secs} s.` : `Neo4j launcher up to date (checked in ${secs} s).`);
    return 0;
  } catch (e) {
    process.stderr.write(`[setup-neo4j] ERROR: ${e.message}\n`);
    return e instanceof SetupError ? e.exitCode : 1;
  }
}

if (require.main === module) {
  process.exitCode = main();
}

module.exports = { ensureLauncherBuilt, LAUNCHER_DIR, JAR, LIB };
