/**
 * The household view's one statement (cypher/views/household-bundle.cypher): a household by
 * id or a person's household, with its members and the parts the selection asks for, mapped
 * to the records each feature's per-field loader answers (so the bundle can prime them).
 */
import { toPolicy, type PolicyRecord } from '../../coverage/coverage.repository';
import type { CypherRegistry } from '../../db/cypher';
import type { Database } from '../../db/database';
import {
  assertMaxDegree,
  EdgeRecord,
  HouseholdRecord,
  HouseholdRole,
  MemberRecord,
  Neighbourhood,
  RelativeRecord,
  relativesIn,
  sortMembers,
  toHouseholdRecord,
  uniqueEdges,
} from '../../family/family.model';
import { RELATION_OF_TYPE } from '../../family/family.repository';
import type { FamilyLink } from '../../family/kinship';
import { IdentifierRecord, PersonRecord, toIdentifierRecord, toPersonRecord } from '../../identity/identity.model';

/**
 * What a household view reads besides the household and its members (decided from the
 * GraphQL selection; see household-view.loaders.ts): each member's identifiers, each member's
 * policies as the insured (with the holder), the family links among members, and the
 * members' relatives within each of `relativesDegrees` links (1 to 4).
 */
export interface HouseholdNeeds {
  identifiers: boolean;
  policies: boolean;
  relationships: boolean;
  relativesDegrees: number[];
}

/**
 * One household read in one statement (household-bundle.cypher), each part in the order and
 * shape of the per-field look-up it stands for: members as `membersOf`, identifiers as
 * `identifiersOf`, policies as `policiesInsuring`, links as `relationshipsOf`, relatives as
 * `relativesOf`. A part that was not asked for (HouseholdNeeds) is null.
 */
export interface HouseholdBundle {
  household: HouseholdRecord;
  members: MemberRecord[];
  /** Per member OneID. */
  identifiers: Map<string, IdentifierRecord[]> | null;
  /** Per member OneID: policies insuring the member (any status, oldest first). */
  policies: Map<string, PolicyRecord[]> | null;
  /** The holders of those policies (members or not). */
  holders: PersonRecord[];
  relationships: EdgeRecord[] | null;
  /** Per asked degree, per member OneID. */
  relatives: Map<number, Map<string, RelativeRecord[]>>;
}

/** What household-bundle.cypher reads besides the household and its members (0: no neighbourhood). */
export interface BundleParts {
  identifiers: boolean;
  policies: boolean;
  relationships: boolean;
  relativesDegree: number;
}

/** A member as household-bundle.cypher reads it: the member record, its identifiers and the policies insuring it. */
export interface BundleMember extends MemberRecord {
  identifiers: IdentifierRecord[];
  policies: Array<{ policy: PolicyRecord; holder: PersonRecord | null }>;
}

/** One household of household-bundle.cypher; parts not asked for are empty. */
export interface BundleRow {
  /** The household ids and person OneIDs that asked for this household. */
  ids: string[];
  oneIds: string[];
  household: HouseholdRecord;
  /** As stored (unsorted), one per MEMBER_OF. */
  members: BundleMember[];
  /** Stored links among members (as household-relationships, by OneID, with their `since`). */
  links: Array<FamilyLink & { since: string | null }>;
  /** The members' family neighbourhood: the people in it and every link among them. */
  kin: Neighbourhood;
}

export class HouseholdViewRepository {
  private readonly statement: string;

  constructor(
    private readonly db: Database,
    cypher: CypherRegistry,
  ) {
    this.statement = cypher.get('views/household-bundle');
  }

  /**
   * Households by id (`ids`) and the households of people (`oneIds`), each read once with its
   * members and the parts `needs` asks for, in one statement (a household view). Per id and
   * per OneID, in input order, the household's bundle, or null (no such household, in no
   * household). Each part is exactly what its per-field read answers: members as membersOf,
   * links as relationshipsOf, relatives as relativesOf (derived here from the neighbourhood
   * of all members: a member's relatives within n links only involve people and links
   * within n links of it, all of which that neighbourhood holds).
   */
  async householdBundles(
    ids: readonly string[],
    oneIds: readonly string[],
    needs: HouseholdNeeds,
  ): Promise<{ byId: Array<HouseholdBundle | null>; byPerson: Array<HouseholdBundle | null> }> {
    const degrees = [...new Set(needs.relativesDegrees)].sort((a, b) => a - b);
    degrees.forEach(assertMaxDegree);
    const rows = await this.rows(ids, oneIds, {
      identifiers: needs.identifiers,
      policies: needs.policies,
      relationships: needs.relationships,
      relativesDegree: Math.max(0, ...degrees),
    });
    const byId = new Map<string, HouseholdBundle>();
    const byPerson = new Map<string, HouseholdBundle>();
    for (const row of rows) {
      const bundle = toBundle(row, needs, degrees);
      for (const id of row.ids) byId.set(id, bundle);
      for (const oneId of row.oneIds) byPerson.set(oneId, bundle);
    }
    return { byId: ids.map((id) => byId.get(id) ?? null), byPerson: oneIds.map((oneId) => byPerson.get(oneId) ?? null) };
  }

  /**
   * Households by id and the households of people, each read once with its members and the
   * parts asked for, in one statement (cypher/views/household-bundle). Households not found
   * have no row.
   */
  private async rows(ids: readonly string[], oneIds: readonly string[], parts: BundleParts): Promise<BundleRow[]> {
    type Link = { from: string; to: string; type: string; since?: string | null };
    type RawMember = {
      role: HouseholdRole;
      since: string | null;
      person: Record<string, unknown>;
      identifiers: Record<string, unknown>[];
      policies: Array<{ policy: Record<string, unknown>; holder: Record<string, unknown> | null }>;
    };
    const rows = await this.db.read((tx) =>
      tx.run<{ ids: string[]; oneIds: string[]; household: Record<string, unknown>; members: RawMember[]; links: Link[]; kin: Record<string, unknown>[]; kinLinks: Link[] }>(
        this.statement,
        { ids: [...new Set(ids)], oneIds: [...new Set(oneIds)], needs: parts },
      ),
    );
    const link = (l: Link): FamilyLink => ({ from: l.from, to: l.to, relation: RELATION_OF_TYPE[l.type]! });
    return rows.map((r) => ({
      ids: r.ids,
      oneIds: r.oneIds,
      household: toHouseholdRecord(r.household),
      members: r.members.map((m) => {
        const person = toPersonRecord(m.person);
        return {
          person,
          role: m.role,
          since: m.since,
          identifiers: m.identifiers.map(toIdentifierRecord),
          policies: m.policies.map((p) => ({
            policy: toPolicy(p.policy, p.holder?.oneId, person.oneId),
            holder: p.holder ? toPersonRecord(p.holder) : null,
          })),
        };
      }),
      links: r.links.map((l) => ({ ...link(l), since: l.since ?? null })),
      kin: { persons: r.kin.map(toPersonRecord), links: r.kinLinks.map(link) },
    }));
  }
}

/** A household bundle from its row (see householdBundles). */
function toBundle(row: BundleRow, needs: HouseholdNeeds, degrees: readonly number[]): HouseholdBundle {
  const members = sortMembers(row.members.map((m) => ({ person: m.person, role: m.role, since: m.since })));
  const memberById = new Map(row.members.map((m) => [m.person.oneId, m.person]));
  const holders = new Map<string, PersonRecord>();
  for (const m of row.members) for (const p of m.policies) if (p.holder) holders.set(p.holder.oneId, p.holder);
  const kin = new Map(row.kin.persons.map((p) => [p.oneId, p]));
  return {
    household: row.household,
    members,
    identifiers: needs.identifiers ? new Map(row.members.map((m) => [m.person.oneId, m.identifiers])) : null,
    policies: needs.policies ? new Map(row.members.map((m) => [m.person.oneId, m.policies.map((p) => p.policy)])) : null,
    holders: [...holders.values()],
    relationships: needs.relationships
      ? uniqueEdges(row.links.map((l) => ({ from: memberById.get(l.from)!, to: memberById.get(l.to)!, relation: l.relation, since: l.since })))
      : null,
    relatives: new Map(degrees.map((d) => [d, new Map([...memberById.keys()].map((oneId) => [oneId, relativesIn(row.kin, oneId, d, kin)]))])),
  };
}
