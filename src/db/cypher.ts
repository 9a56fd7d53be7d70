/**
 * Cypher lives in `cypher/**\/*.cypher`, loaded once at start-up and looked up by name
 * (path under cypher/ without the extension, e.g. "identity/resolve").
 * Repositories ask for their names when they are constructed, so a typo fails at start-up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from '../paths';

/** Statement texts by file name, the other way round: spans and logs name a statement by its file. */
const nameByText = new Map<string, string>();

/** The file name of a statement text loaded by a registry (undefined for text from elsewhere). */
export function statementName(text: string): string | undefined {
  return nameByText.get(text);
}

export class CypherRegistry {
  private constructor(private readonly queries: ReadonlyMap<string, string>) {}

  static load(dir = join(repoRoot(), 'cypher')): CypherRegistry {
    const queries = new Map<string, string>();
    const walk = (d: string): void => {
      for (const entry of readdirSync(d).sort()) {
        const full = join(d, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry.endsWith('.cypher')) {
          const name = relative(dir, full).split(sep).join('/').replace(/\.cypher$/, '');
          const text = readFileSync(full, 'utf8');
          queries.set(name, text);
          nameByText.set(text, name);
        }
      }
    };
    walk(dir);
    return new CypherRegistry(queries);
  }

  /** The text of one query; throws if there is no such file. */
  get(name: string): string {
    const text = this.queries.get(name);
    if (text === undefined) throw new Error(`No Cypher file named "${name}" under cypher/`);
    return text;
  }

  /** Resolve a fixed set of names at once: `const q = registry.pick('identity', ['resolve'])`. */
  pick<N extends string>(folder: string, names: readonly N[]): Record<N, string> {
    const out = {} as Record<N, string>;
    for (const n of names) out[n] = this.get(`${folder}/${n}`);
    return out;
  }

  names(prefix = ''): string[] {
    return [...this.queries.keys()].filter((n) => n.startsWith(prefix)).sort();
  }
}
