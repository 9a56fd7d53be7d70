/** Households through the createHousehold mutation (members by OneID, each with a role). */
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
