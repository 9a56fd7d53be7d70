/**
 * How well identity resolution recovered the people of a synthetic population: pairwise
 * precision and recall of "same person" over the (person, identifier) entries of the
 * truth file. Two entries are a true pair when they belong to the same truth person, a
 * predicted pair when their identifiers resolve to the same OneID. Entries that do not
 * resolve (shared, e.g. a recycled number, or never ingested) are singletons: they cost
 * recall, never precision. Shared home devices (IOT_DEVICE) never identify anyone and are
 * not scored. Streams the truth file; memory grows with the number of OneIDs only.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RawIdentifier } from '../identity/identifier';
import type { TruthRecord } from './population';

export interface ResolutionScore {
  persons: number;
  /** Scored entries (identifiers other than IOT_DEVICE, one per person holding them). */
  entries: number;
  /** Entries whose identifier resolves to no one (shared, junk or missing). */
  unresolved: number;
  /** Distinct OneIDs the entries resolve to (ideally = persons). */
  oneIds: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
}

export interface ScoreDeps {
  /** Lookup key of an identifier, null for junk. */
  keyOf(raw: RawIdentifier): string | null;
  /** key -> OneID for the keys that resolve. */
  resolveKeys(keys: readonly string[]): Promise<Map<string, string>>;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

export async function scoreResolution(truthFile: string, deps: ScoreDeps, batchPersons = 2000): Promise<ResolutionScore> {
  const clusterSizes = new Map<string, number>();
  const score: ResolutionScore = {
    persons: 0, entries: 0, unresolved: 0, oneIds: 0, truePairs: 0, predictedPairs: 0, correctPairs: 0, precision: 1, recall: 1,
  };
  let batch: TruthRecord[] = [];

  const tally = async (): Promise<void> => {
    const keyed = batch.map((t) =>
      t.identifiers
        .filter((i) => i.type !== 'IOT_DEVICE')
        .map((i) => deps.keyOf({ type: i.type, namespace: i.namespace, value: i.value }))
        .filter((k): k is string => k !== null),
    );
    const resolved = await deps.resolveKeys([...new Set(keyed.flat())]);
    for (const keys of keyed) {
      score.persons += 1;
      score.entries += keys.length;
      score.truePairs += pairs(keys.length);
      const local = new Map<string, number>();
      for (const key of keys) {
        const oneId = resolved.get(key);
        if (oneId === undefined) {
          score.unresolved += 1;
          continue;
        }
        local.set(oneId, (local.get(oneId) ?? 0) + 1);
        clusterSizes.set(oneId, (clusterSizes.get(oneId) ?? 0) + 1);
      }
      for (const n of local.values()) score.correctPairs += pairs(n);
    }
    batch = [];
  };

  const lines = createInterface({ input: createReadStream(truthFile, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    batch.push(JSON.parse(line) as TruthRecord);
    if (batch.length >= batchPersons) await tally();
  }
  if (batch.length > 0) await tally();

  score.oneIds = clusterSizes.size;
  for (const n of clusterSizes.values()) score.predictedPairs += pairs(n);
  score.precision = score.predictedPairs === 0 ? 1 : score.correctPairs / score.predictedPairs;
  score.recall = score.truePairs === 0 ? 1 : score.correctPairs / score.truePairs;
  return score;
}

export function formatScore(s: ResolutionScore): string {
  return [
    `resolution vs truth: ${s.persons} persons, ${s.entries} identifiers, ${s.oneIds} OneIDs, ${s.unresolved} unresolved`,
    `  pairwise precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} (${s.correctPairs}/${s.predictedPairs} predicted, ${s.correctPairs}/${s.truePairs} true pairs)`,
  ].join('\n');
}
