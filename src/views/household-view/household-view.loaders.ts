/**
 * The household view's loader: a Household reached by `household(id)` or `Person.household`
 * whose selection reads its members, links or coverage is read in one statement, the
 * household bundle, sized by the selection (`householdNeeds`); what it read primes the
 * per-field loaders of the features (members, links, each member's person, identifiers,
 * policies and their holders, relatives, household role), so the field resolvers that follow
 * find it cached. Priming only fills caches: every resolver and the scope guard check the
 * caller's read scope exactly as when the loaders read for themselves.
 */
import DataLoader from 'dataloader';
import { FieldNode, getArgumentValues, GraphQLResolveInfo, isObjectType, Kind, SelectionSetNode } from 'graphql';
import type { CoverageLoaders } from '../../coverage/coverage.loaders';
import type { FamilyLoaders } from '../../family/family.loaders';
import { DEFAULT_MAX_DEGREE, HouseholdRecord, ROLE_ORDER } from '../../family/family.model';
import { MAX_DEGREE } from '../../family/kinship';
import type { Context } from '../../graphql/context';
import { primePersons, type IdentityLoaders } from '../../identity/identity.loaders';
import type { HouseholdBundle, HouseholdNeeds, HouseholdViewRepository } from './household-view.repository';

/** Key of the household bundle loader: a household by id, or a person's household, and what to read with it. */
export interface HouseholdBundleKey {
  by: 'id' | 'person';
  /** The household id, or the person's OneID. */
  key: string;
  needs: HouseholdNeeds;
}

export interface HouseholdViewLoaders {
  householdBundle: DataLoader<HouseholdBundleKey, HouseholdRecord | null, string>;
}

/** The loaders a bundle primes. */
type Primed = IdentityLoaders & FamilyLoaders & CoverageLoaders;

export type HouseholdViewContext = Context<object, Primed & HouseholdViewLoaders>;

/** `primed`: the request's loaders the bundle fills (the object the composition root builds). */
export function createHouseholdViewLoaders(repo: HouseholdViewRepository, primed: Primed): HouseholdViewLoaders {
  return {
    householdBundle: new DataLoader(
      async (keys) => {
        const ids = keys.filter((k) => k.by === 'id').map((k) => k.key);
        const oneIds = keys.filter((k) => k.by === 'person').map((k) => k.key);
        const { byId, byPerson } = await repo.householdBundles(ids, oneIds, mergeNeeds(keys.map((k) => k.needs)));
        for (const bundle of [...byId, ...byPerson]) if (bundle) primeWith(primed, bundle);
        const [idIt, personIt] = [byId.values(), byPerson.values()];
        return keys.map((k) => (k.by === 'id' ? idIt : personIt).next().value?.household ?? null);
      },
      { cacheKeyFn: (k) => `${k.by}|${k.key}|${needsKey(k.needs)}` },
    ),
  };
}

/**
 * The household by id, or the person's household, for a field returning Household: with the
 * household view its selection (`info`) reads, in one statement that primes the loaders, or
 * alone when the selection reads only the household's own fields.
 */
export function loadHousehold(loaders: Primed & HouseholdViewLoaders, by: 'id' | 'person', key: string, info: GraphQLResolveInfo): Promise<HouseholdRecord | null> {
  const needs = householdNeeds(info);
  if (needs) return loaders.householdBundle.load({ by, key, needs });
  return by === 'id' ? loaders.householdById.load(key) : loaders.householdOfPerson.load(key);
}

/** Fill the per-field caches with what a bundle read (a key already cached keeps its value). */
function primeWith(loaders: Primed, bundle: HouseholdBundle): void {
  const { id } = bundle.household;
  loaders.householdById.prime(id, bundle.household);
  loaders.householdMembers.prime(id, bundle.members);
  if (bundle.relationships) loaders.householdRelationships.prime(id, bundle.relationships);
  primePersons(loaders, [...bundle.members.map((m) => m.person), ...bundle.holders]);
  for (const m of bundle.members) {
    const { oneId } = m.person;
    loaders.householdOfPerson.prime(oneId, bundle.household);
    // As CoverageRepository.memberRoles reads it: an unknown stored role counts as OTHER.
    loaders.coverageRole.prime(oneId, ROLE_ORDER.includes(m.role) ? m.role : 'OTHER');
  }
  bundle.identifiers?.forEach((list, oneId) => loaders.identifiers.prime(oneId, list));
  bundle.policies?.forEach((list, oneId) => loaders.policiesInsuring.prime(oneId, list));
  bundle.relatives.forEach((byMember, maxDegree) => byMember.forEach((list, oneId) => loaders.relatives.prime({ oneId, maxDegree }, list)));
}

/** Several keys' needs in one statement: everything any of them asks for. */
function mergeNeeds(all: readonly HouseholdNeeds[]): HouseholdNeeds {
  return {
    identifiers: all.some((n) => n.identifiers),
    policies: all.some((n) => n.policies),
    relationships: all.some((n) => n.relationships),
    relativesDegrees: [...new Set(all.flatMap((n) => n.relativesDegrees))].sort((a, b) => a - b),
  };
}

function needsKey(n: HouseholdNeeds): string {
  return `${Number(n.identifiers)}${Number(n.policies)}${Number(n.relationships)}|${[...n.relativesDegrees].sort((a, b) => a - b).join(',')}`;
}

/**
 * What a household view reads below a field returning Household (its selection, fragments
 * expanded; @skip/@include ignored, so a skipped part may be read for nothing): null when it
 * reads none of the members, their links or the household's coverage.
 */
function householdNeeds(info: GraphQLResolveInfo): HouseholdNeeds | null {
  const needs: HouseholdNeeds = { identifiers: false, policies: false, relationships: false, relativesDegrees: [] };
  let members = false;
  for (const field of subFields(info, info.fieldNodes)) {
    switch (field.name.value) {
      case 'members':
        members = true;
        for (const member of subFields(info, [field])) {
          if (member.name.value !== 'person') continue;
          for (const p of subFields(info, [member])) {
            if (p.name.value === 'identifiers') needs.identifiers = true;
            else if (p.name.value === 'policies' || p.name.value === 'coverageGaps') needs.policies = true;
            else if (p.name.value === 'relatives') {
              const degree = relativesDegree(info, p);
              if (degree !== null && !needs.relativesDegrees.includes(degree)) needs.relativesDegrees.push(degree);
            }
          }
        }
        break;
      case 'relationships':
        members = true;
        needs.relationships = true;
        break;
      case 'policies':
      case 'coverageGaps':
      case 'totalGap':
        members = true;
        needs.policies = true;
        break;
      default:
        break;
    }
  }
  return members ? needs : null;
}

/** The fields selected under these field nodes, fragments expanded. */
function subFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        visit(info.fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return out;
}

/** The maxDegree a `Person.relatives` selection will ask for, or null when it is not a valid one (its resolver answers the error). */
function relativesDegree(info: GraphQLResolveInfo, node: FieldNode): number | null {
  const person = info.schema.getType('Person');
  const field = isObjectType(person) ? person.getFields().relatives : undefined;
  if (!field) return null;
  try {
    const degree = (getArgumentValues(field, node, info.variableValues).maxDegree as number | null | undefined) ?? DEFAULT_MAX_DEGREE;
    return Number.isInteger(degree) && degree >= 1 && degree <= MAX_DEGREE ? degree : null;
  } catch {
    return null;
  }
}
