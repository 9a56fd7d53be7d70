/**
 * Helpers of the coverage tests (people, households, policies and statement counts come from
 * the kit): dated SPOUSE links, the policy and gap selections. Every value is unique per
 * call, so tests never depend on each other or on an empty database.
 */
import { newPeople, newPolicy } from '../../kit';
import type { PersonSpec, TestApp } from '../../kit';

/** One person per spec (one event each, one unique phone each), in one request; their OneIDs in order. */
export async function createPersons(t: TestApp, specs: PersonSpec[]): Promise<string[]> {
  return (await newPeople(t, specs)).map((p) => p.oneId);
}

/** The kit's newPolicy, under the name test/integration/worklist imports. */
export const upsertPolicy = newPolicy;

/** A SPOUSE link married on `since` (YYYY-MM-DD; null: a link with no date, which never counts as a marriage). */
export async function linkSpouses(t: TestApp, a: string, b: string, since: string | null): Promise<void> {
  await t.ok(`mutation L($input: FamilyLinkInput!) { linkFamily(input: $input) { relation } }`, {
    input: { from: { oneId: a }, to: { oneId: b }, relation: 'SPOUSE', since },
  });
}

export const POLICY_FIELDS = `policyNo productType sumAssured annualPremium status startDate endDate holder { oneId } insured { oneId }`;

export interface GapView {
  person: { oneId: string };
  productType: string;
  recommended: number;
  current: number;
  gap: number;
  priority: number;
  reason: string;
}

export const GAP_FIELDS = `person { oneId } productType recommended current gap priority reason`;
