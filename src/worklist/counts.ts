/**
 * Stored counts of the work-list (`totalCount` without reading the book): every stored item
 * of a household with an advisor belongs to one count class, the (advisor, kind, validity)
 * it shares with other items, and a :WorkCount node per class holds how many items it has.
 * The write path adjusts the classes a household's items left or joined, in the transaction
 * of the write; the page sums the classes current today (cypher/worklist/page.cypher).
 *
 * A class is (advisorId, kind, validFrom, validTo, monthDay). So that an advisor has few
 * classes, an open-ended item (validTo 9999-12-31) that is already valid when stored
 * (validFrom <= the day it is computed) counts from 0000-01-01: it stays valid on every later
 * day, and a state computed for an earlier day than today is recomputed before any read
 * (stateAsOf > today or stateValidTo <= today). Every other class starts at most 367 days
 * before any today it can count on (bounded windows, or validFrom after the state's day,
 * which is at most 366 days back), which is how far back the page reads.
 */
import { ALWAYS_FROM, ALWAYS_TO, type StoredItem } from './worklist.model';

export interface CountClass {
  advisorId: string;
  kind: string;
  validFrom: string;
  validTo: string;
  /** BIRTHDAY's month-day; '' for other kinds. */
  monthDay: string;
}

/** How far back (days) the page reads class validFrom dates besides 0000-01-01 (see above). */
export const COUNT_LOOKBACK_DAYS = 367;

/** The class key of an item computed on `asOf`, or null when its household has no advisor. */
export function countKeyOf(item: Pick<StoredItem, 'advisorId' | 'kind' | 'validFrom' | 'validTo' | 'monthDay'>, asOf: string): string | null {
  if (item.advisorId === null) return null;
  const validFrom = item.validTo === ALWAYS_TO && item.validFrom <= asOf ? ALWAYS_FROM : item.validFrom;
  return JSON.stringify([item.advisorId, item.kind, validFrom, item.validTo, item.monthDay ?? '']);
}

export function parseCountKey(key: string): CountClass {
  const [advisorId, kind, validFrom, validTo, monthDay] = JSON.parse(key) as string[];
  return { advisorId: advisorId!, kind: kind!, validFrom: validFrom!, validTo: validTo!, monthDay: monthDay! };
}

/** Per class, added minus removed items; classes that do not change are left out; sorted by key (the lock order). */
export function countDeltas(removed: ReadonlyArray<string | null>, added: ReadonlyArray<string | null>): Array<CountClass & { key: string; delta: number }> {
  const delta = new Map<string, number>();
  for (const key of removed) if (key !== null) delta.set(key, (delta.get(key) ?? 0) - 1);
  for (const key of added) if (key !== null) delta.set(key, (delta.get(key) ?? 0) + 1);
  return [...delta]
    .filter(([, d]) => d !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, d]) => ({ key, ...parseCountKey(key), delta: d }));
}
