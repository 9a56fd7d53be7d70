/**
 * Seeded pseudo-random numbers for the synthetic population (never Math.random): sfc32
 * seeded through splitmix32, so a (seed, stream) pair always yields the same sequence.
 * One stream per household keeps households independent of one another.
 */

/** splitmix32 step: a well-mixed 32-bit value from any 32-bit input. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, for deriving named parameters from a seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ stream);
    this.c = mix32(this.b + stream * 0x632be5ab);
    this.d = mix32(this.c ^ 0x5bd1e995);
    for (let i = 0; i < 12; i += 1) this.uint32();
  }

  /** sfc32: a uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One value of `entries` with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape (sigma of the log). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Pareto (heavy-tailed) with minimum xm and tail index alpha: P(X > x) = (xm / x)^alpha. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  hex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i += 1) s += HEX[this.uint32() & 15];
    return s;
  }

  base64url(length: number): string {
    let s = '';
    for (let i = 0; i < length; i += 1) s += BASE64URL[this.uint32() & 63];
    return s;
  }
}

/**
 * A bijection of [0, m): x -> (a*x + b) mod m, with a coprime to m. Unique outputs for unique
 * inputs, so identifiers derived from a person's index never collide, yet look scattered.
 */
export function permute(x: number, m: number, a: number, b: number): number {
  return Number((BigInt(a) * BigInt(x) + BigInt(b)) % BigInt(m));
}

/** A multiplier coprime to any power of ten (odd, not a multiple of 5), derived from a seed. */
export function decimalMultiplier(seed: number): number {
  let a = (mix32(seed) % 90_000_000) + 10_000_001;
  if (a % 2 === 0) a += 1;
  while (a % 5 === 0) a += 2;
  return a;
}
