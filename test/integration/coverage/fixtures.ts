/**
 * Helpers of the coverage tests (people, households, links, policies and statement counts come
 * from the kit): people as OneIDs, the policy and gap selections. Not a test file.
 */
import { newPeople } from '../../kit';
import type { PersonSpec, TestApp } from '../../kit';

/** One person per spec (one event each, one unique phone each), in one request; their OneIDs in order. */
export async function createPersons(t: TestApp, specs: PersonSpec[]): Promise<string[]> {
  return (await newPeople(t, specs)).map((p) => p.oneId);
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
