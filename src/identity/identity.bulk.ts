/**
 * The identity half of a bulk first load (`kingraph import --bulk`): every event of a file is
 * planned in memory by the same planner the online ingest uses (same normalization, junk list,
 * limits, shared devices, priorities, attribute rules), as ONE stream instead of batches of
 * 1,000 against the database. Events in file order see the effects of the earlier ones either
 * way, so the partition into people, the evidence, the identifiers' states and the attributes
 * are those of an online import of the same events; only the OneIDs (random) differ.
 *
 * What the stream keeps in memory: one state per distinct identifier and person, and each
 * identifier's normalized value until `finish` seals it: it grows with the distinct
 * identifiers (peak heap 957 MiB for 100,000 people, see the README). Evidence and event rows
 * never change once made: the caller takes them as they come (`takeAppended`) and spills them
 * to disk.
 *
 * `finish` turns the final plan into write-ready rows: live people with their attributes,
 * merged-away OneIDs as aliases of their final survivor, identifiers with their owner, device
 * uses, and each person's values sealed under a new data key of its own (no clear value
 * leaves this object). A person merged online keeps the data keys of its parts; a bulk-loaded
 * one has a single key: what reveal answers is the same.
 */
import type { IdentityEventDTO } from './identity.service';
import { attributeProps, IdentityPlanner, type DeviceUseRow, type EvidenceRow, type EventRow, type IdentifierRow, type PlannerEvent } from './planner';
import type { IdentityRules } from './rules';
import type { DetachedSeal, IdentifierSealer } from './sealing';

export interface BulkPersonRow {
  oneId: string;
  createdAt: number;
  /** Attribute values with their observation times (displayName, displayNameAt, ...). */
  props: Record<string, unknown>;
}

export interface BulkAliasRow {
  oneId: string;
  createdAt: number;
  /** The live person it resolves to. */
  into: string;
}

/** The final identity graph of a bulk load, in the order it is written. */
export interface BulkIdentityGraph {
  persons: BulkPersonRow[];
  aliases: BulkAliasRow[];
  identifiers: IdentifierRow[];
  seals: DetachedSeal[];
  deviceUses: DeviceUseRow[];
}

/** The kinds of rows a bulk load writes, in order (the spill files and the checkpoint name them so). */
export const BULK_STEPS = ['persons', 'aliases', 'identifiers', 'seals', 'evidence', 'deviceUses', 'events'] as const;
export type BulkStep = (typeof BULK_STEPS)[number];

/** An added event: refused (why), or planned (a duplicate eventId or not) with its identifiers' look-up keys. */
export type BulkAdd = { ok: true; duplicate: boolean; keys: string[] } | { ok: false; reasons: string[] };

export class IdentityBulkPlan {
  private readonly planner: IdentityPlanner;
  /** Normalized value per identifier key, sealed at the end for the identifiers that got a person. */
  private readonly values = new Map<string, string>();
  private readonly today: string;

  constructor(
    private readonly validate: (event: IdentityEventDTO, today: string) => PlannerEvent | string[],
    rules: IdentityRules,
    private readonly sealer: IdentifierSealer,
    opts: { now: number; today: string; newOneId: () => string },
  ) {
    this.today = opts.today;
    const snapshot = { identifiers: new Map(), persons: new Map(), seenEventIds: new Set<string>(), erasedKeys: new Set<string>() };
    this.planner = new IdentityPlanner({ snapshot, events: [], rules, newOneId: opts.newOneId, now: opts.now });
  }

  /** Plans one event (in file order); a refused one changes nothing and says why. */
  add(event: IdentityEventDTO): BulkAdd {
    const checked = this.validate(event, this.today);
    if (Array.isArray(checked)) return { ok: false, reasons: checked };
    const result = this.planner.process(checked);
    if (!result.duplicate) {
      for (const id of checked.identifiers) if (!id.junk && id.type !== 'IOT_DEVICE' && !this.values.has(id.key)) this.values.set(id.key, id.value);
    }
    return { ok: true, duplicate: result.duplicate, keys: checked.identifiers.filter((id) => !id.junk).map((id) => id.key) };
  }

  /** Evidence and event rows made since the last call (they never change): write them out and forget them. */
  takeAppended(): { evidence: EvidenceRow[]; events: EventRow[] } {
    return this.planner.takeAppended();
  }

  /** The final graph of everything added (evidence and events not yet taken included in `appended`). */
  finish(): BulkIdentityGraph & { appended: { evidence: EvidenceRow[]; events: EventRow[] } } {
    const plan = this.planner.plan();
    const into = new Map(plan.merges.map((m) => [m.from, m.into]));
    const props = attributeProps(plan.attributes);
    const persons: BulkPersonRow[] = [];
    const aliases: BulkAliasRow[] = [];
    for (const p of plan.persons) {
      const survivor = into.get(p.oneId);
      if (survivor === undefined) persons.push({ oneId: p.oneId, createdAt: p.createdAt, props: props.get(p.oneId) ?? {} });
      else aliases.push({ oneId: p.oneId, createdAt: p.createdAt, into: survivor });
    }
    const valuesOf = new Map<string, Array<{ key: string; value: string }>>();
    for (const row of plan.identifiers) {
      const value = this.values.get(row.key);
      if (row.personOneId === null || value === undefined) continue;
      const list = valuesOf.get(row.personOneId) ?? [];
      list.push({ key: row.key, value });
      valuesOf.set(row.personOneId, list);
    }
    this.values.clear();
    const seals = this.sealer.sealDetached([...valuesOf].map(([oneId, values]) => ({ oneId, values })));
    return {
      persons,
      aliases,
      identifiers: plan.identifiers,
      seals,
      deviceUses: plan.deviceUses,
      appended: { evidence: plan.evidence, events: plan.events },
    };
  }
}
