/**
 * One typed Config object, parsed and validated from environment variables at start-up.
 * A bad value stops the service with a message naming the variable.
 */
import { DEFAULT_DATABASE } from '../db/database';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../calendar/calendar';
import { createHash, randomBytes } from 'node:crypto';

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  logLevel: string;
  neo4j: {
    /** Unset: the service provisions and starts a local Neo4j (development). */
    uri: string | null;
    user: string;
    password: string;
    database: string;
    /** How long a request waits for an unreachable database before SERVICE_UNAVAILABLE (ms). */
    timeoutMs: number;
    dataDir: string;
    /** Bolt port of the local Neo4j (0: any free port). */
    localPort: number;
    heap: string;
    pageCache: string;
  };
  auth: {
    jwtSecret: string;
    /** True when JWT_SECRET was not set and a throwaway development secret was generated. */
    generatedSecret: boolean;
    issuer: string | undefined;
    audience: string | undefined;
    jwksUrl: string | undefined;
  };
  /** HMAC key for identifier look-up hashes (PIPL: raw values are never stored). */
  identifierHashSecret: string;
  /**
   * Master keys wrapping the per-person data keys that encrypt identifier values (CONTACT_MASTER_KEYS,
   * oldest first): every id decrypts, new data keys are wrapped with the last (newest) one.
   */
  masterKeys: MasterKey[];
  identity: {
    /** JSON file overriding identifier limits and priority (see README); unset: the defaults. */
    rulesFile: string | undefined;
  };
  coverage: {
    rulesFile: string | undefined;
    reasonLang: 'en' | 'zh';
  };
  customers: {
    /** JSON file replacing the customer value rules (influence weight, tiers, rule tags); unset: the defaults. */
    rulesFile: string | undefined;
  };
  limits: {
    maxBodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    /** Lexical tokens in one GraphQL document (parser limit). */
    maxTokens: number;
    /** Fields in one document once fragments are expanded (pre-validation guard). */
    maxFields: number;
    maxBatch: number;
  };
  /** Fixed "today" (YYYY-MM-DD) for demos and tests; unset: the real date. */
  today: string | undefined;
  /** IANA time zone whose calendar date is the service's "today" (BUSINESS_TIME_ZONE, default Asia/Shanghai). */
  timeZone: string;
  observability: {
    /** METRICS_TOKEN: a scraper off this machine must send `Authorization: Bearer <it>`; unset: /metrics answers loopback clients only. */
    metricsToken: string | undefined;
    /** Traces are exported (OTLP over HTTP) when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. */
    tracing: boolean;
  };
}

/** One master key of the keyring: an id stored next to what it wraps, and 32 bytes of key. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DEV_HASH_SECRET = 'kingraph-development-only-identifier-hash-key-0001';
/** Development and tests only: a fixed master key (production refuses to start without CONTACT_MASTER_KEYS). */
const DEV_MASTER_KEY: MasterKey = { id: 'dev-0001', key: createHash('sha256').update('kingraph-development-only-contact-master-key').digest() };

/**
 * CONTACT_MASTER_KEYS: `id:base64key` entries separated by commas, oldest first (the last one wraps
 * new data keys; the others still unwrap what they wrapped until `kingraph rotate-keys` re-wraps it).
 * Ids: 1 to 32 of A-Z a-z 0-9 _ - (unique); keys: base64 of exactly 32 bytes. Key material never
 * appears in an error message.
 */
export function parseMasterKeys(raw: string): MasterKey[] {
  const keys: MasterKey[] = [];
  for (const [index, entry] of raw.split(',').map((e) => e.trim()).entries()) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    const material = sep > 0 ? entry.slice(sep + 1) : '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new ConfigError('CONTACT_MASTER_KEYS', `entry ${index + 1} must be id:base64key with an id of 1 to 32 letters, digits, _ or -`);
    if (keys.some((k) => k.id === id)) throw new ConfigError('CONTACT_MASTER_KEYS', `entry ${index + 1} repeats the key id ${id}`);
    const key = Buffer.from(material, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material) || key.length !== 32) {
      throw new ConfigError('CONTACT_MASTER_KEYS', `entry ${index + 1} (${id}) must hold base64 of exactly 32 bytes (e.g. openssl rand -base64 32)`);
    }
    keys.push({ id, key });
  }
  return keys;
}

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
}

function opt(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';

  const uri = opt(env, 'NEO4J_URI') ?? null;
  if (uri !== null && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/.test(uri)) {
    throw new ConfigError('NEO4J_URI', 'must look like neo4j://host:7687, neo4j+s://..., or bolt://host:7687');
  }

  let jwtSecret = opt(env, 'JWT_SECRET');
  let generatedSecret = false;
  if (jwtSecret === undefined) {
    if (production) throw new ConfigError('JWT_SECRET', 'is required in production (at least 32 bytes)');
    jwtSecret = randomBytes(32).toString('base64url');
    generatedSecret = true;
  } else if (production && Buffer.byteLength(jwtSecret) < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 bytes in production');
  }

  const hashSecret = opt(env, 'IDENTIFIER_HASH_SECRET');
  if (production && (hashSecret === undefined || Buffer.byteLength(hashSecret) < 32)) {
    throw new ConfigError('IDENTIFIER_HASH_SECRET', 'is required in production (at least 32 bytes)');
  }

  const masterKeysRaw = opt(env, 'CONTACT_MASTER_KEYS');
  if (production && masterKeysRaw === undefined) {
    throw new ConfigError('CONTACT_MASTER_KEYS', 'is required in production (id:base64 of 32 bytes, comma-separated, newest last)');
  }
  const masterKeys = masterKeysRaw === undefined ? [DEV_MASTER_KEY] : parseMasterKeys(masterKeysRaw);

  const today = opt(env, 'KINGRAPH_TODAY');
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new ConfigError('KINGRAPH_TODAY', 'must be a date YYYY-MM-DD');
  }

  const timeZone = str(env, 'BUSINESS_TIME_ZONE', DEFAULT_TIME_ZONE);
  if (!isTimeZone(timeZone)) throw new ConfigError('BUSINESS_TIME_ZONE', 'must be an IANA time zone such as Asia/Shanghai or UTC');

  return {
    nodeEnv,
    host: str(env, 'HOST', '127.0.0.1'),
    port: int(env, 'PORT', 4000, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    neo4j: {
      uri,
      user: str(env, 'NEO4J_USER', 'neo4j'),
      password: str(env, 'NEO4J_PASSWORD', ''),
      database: str(env, 'NEO4J_DATABASE', DEFAULT_DATABASE),
      timeoutMs: int(env, 'NEO4J_TIMEOUT_MS', 5000, 500, 120_000),
      dataDir: str(env, 'NEO4J_DATA_DIR', '.data/neo4j'),
      localPort: int(env, 'NEO4J_LOCAL_PORT', 7687, 0, 65535),
      heap: str(env, 'NEO4J_HEAP', '1g'),
      pageCache: str(env, 'NEO4J_PAGECACHE', '512m'),
    },
    auth: {
      jwtSecret,
      generatedSecret,
      issuer: opt(env, 'JWT_ISSUER'),
      audience: opt(env, 'JWT_AUDIENCE'),
      jwksUrl: opt(env, 'JWT_JWKS_URL'),
    },
    identifierHashSecret: hashSecret ?? DEV_HASH_SECRET,
    masterKeys,
    identity: {
      rulesFile: opt(env, 'IDENTITY_RULES_FILE'),
    },
    coverage: {
      rulesFile: opt(env, 'COVERAGE_RULES_FILE'),
      reasonLang: oneOf(env, 'REASON_LANG', ['en', 'zh'] as const, 'en'),
    },
    customers: {
      rulesFile: opt(env, 'CUSTOMER_RULES_FILE'),
    },
    limits: {
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
      maxDepth: int(env, 'MAX_QUERY_DEPTH', 12, 2, 100),
      maxAliases: int(env, 'MAX_QUERY_ALIASES', 30, 1, 1000),
      maxCost: int(env, 'MAX_QUERY_COST', 20000, 100, 10_000_000),
      maxTokens: int(env, 'MAX_QUERY_TOKENS', 5000, 100, 1_000_000),
      maxFields: int(env, 'MAX_QUERY_FIELDS', 1000, 10, 100_000),
      maxBatch: 1000,
    },
    today,
    timeZone,
    observability: {
      metricsToken: metricsToken(env),
      tracing:
        (opt(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') ?? opt(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')) !== undefined &&
        env.OTEL_SDK_DISABLED?.toLowerCase() !== 'true' &&
        (opt(env, 'OTEL_TRACES_EXPORTER') ?? 'otlp') !== 'none',
    },
  };
}

function metricsToken(env: Env): string | undefined {
  const token = opt(env, 'METRICS_TOKEN');
  if (token !== undefined && !/^[A-Za-z0-9._~+/=-]{16,256}$/.test(token)) {
    throw new ConfigError('METRICS_TOKEN', 'must be 16 to 256 characters of letters, digits and ._~+/=-');
  }
  return token;
}
