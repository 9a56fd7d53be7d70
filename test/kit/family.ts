/** Households (createHousehold: members by OneID, each with a role) and family links (linkFamily) through the API. */
import type { TestApp } from './app';

export type Role = 'BREADWINNER' | 'SPOUSE' | 'CHILD' | 'ELDER' | 'OTHER';

export const CREATE_HOUSEHOLD = `mutation Create($input: CreateHouseholdInput!) {
  createHousehold(input: $input) { id name advisor { advisorId } members { role person { oneId } } }
}`;

/** A PersonRefInput by OneID. */
export const ref = (oneId: string) => ({ oneId });

/** A household of these members (OneID, role), optionally with a name and an advisor; returns its id. */
export async function newHousehold(t: TestApp, members: Array<[string, Role]>, opts: { name?: string; advisorId?: string | null } = {}): Promise<string> {
  const data = await t.ok<{ createHousehold: { id: string } }>(CREATE_HOUSEHOLD, {
    input: { name: opts.name ?? 'Test family', advisorId: opts.advisorId ?? null, members: members.map(([oneId, role]) => ({ person: ref(oneId), role })) },
  });
  return data.createHousehold.id;
}

export type Relation = 'SPOUSE' | 'PARENT' | 'CHILD' | 'SIBLING';

export const LINK = `mutation Link($input: FamilyLinkInput!) {
  linkFamily(input: $input) { from { oneId } to { oneId } relation }
}`;
export const UNLINK = `mutation Unlink($input: FamilyLinkInput!) { unlinkFamily(input: $input) }`;

/** linkFamily from → to by OneIDs (with the date the relation began, if given); fails the test on error. */
export async function link(t: TestApp, from: string, relation: Relation, to: string, opts: { since?: string } = {}): Promise<void> {
  await t.ok(LINK, { input: { from: ref(from), to: ref(to), relation, since: opts.since } });
}
