/**
 * The write path's diff: what to write so that a household's stored work-list state becomes
 * the one just computed, and how the count classes change. Items are compared by key and
 * content hash, the household's summary by hash, so a write that changes nothing in a
 * household's state writes nothing for it. Pure.
 */
import { contentHash } from './state';
import type { HouseholdState, StoredItem } from './worklist.model';

/** A household's stored state in short (cypher/worklist/stored-hashes.cypher). */
export interface StoredHashes {
  householdId: string;
  /** Hash of the stored summary; null when never computed. */
  hash: string | null;
  /** [key, hash, countKey] of each stored item. */
  items: Array<[string, string | null, string | null]>;
}

/** What state-write.cypher takes for one household. */
export interface StateWrite {
  householdId: string;
  /** The household's state properties, or null when unchanged. */
  summary: Record<string, unknown> | null;
  /** Keys of items to delete. */
  remove: string[];
  /** Items to create or replace. */
  put: StoredItem[];
}

export interface StateDiff {
  writes: StateWrite[];
  /** Count classes of the items taken away (deleted or replaced). */
  removed: Array<string | null>;
  /** Count classes of the items put (created or replaced). */
  added: Array<string | null>;
}

export function diffStates(stored: readonly StoredHashes[], computed: ReadonlyArray<HouseholdState & { householdId: string; asOf: string }>): StateDiff {
  const before = new Map(stored.map((s) => [s.householdId, s]));
  const diff: StateDiff = { writes: [], removed: [], added: [] };
  for (const state of computed) {
    const old = before.get(state.householdId);
    const summary = {
      totalGap: state.totalGap,
      gapScore: state.gapScore,
      crossSellScore: state.crossSellScore,
      crossSell: state.crossSell,
      activePremium: state.activePremium,
      stateAsOf: state.asOf,
      stateValidTo: state.validTo,
    };
    const hash = contentHash(summary);
    const oldItems = new Map((old?.items ?? []).map(([key, itemHash, countKey]) => [key, { hash: itemHash, countKey }]));
    const put: StoredItem[] = [];
    for (const item of state.items) {
      const was = oldItems.get(item.key);
      oldItems.delete(item.key);
      if (was?.hash === item.hash) continue;
      if (was) diff.removed.push(was.countKey);
      diff.added.push(item.countKey);
      put.push(item);
    }
    const remove = [...oldItems.keys()];
    for (const gone of oldItems.values()) diff.removed.push(gone.countKey);
    const changedSummary = old?.hash !== hash;
    if (changedSummary || remove.length > 0 || put.length > 0) {
      diff.writes.push({ householdId: state.householdId, summary: changedSummary ? { ...summary, stateHash: hash } : null, remove, put });
    }
  }
  return diff;
}
