/** Advisors through the upsertAdvisor mutation. */
import type { TestApp } from './app';
import { uid } from './app';

export interface AdvisorSpec {
  advisorId?: string;
  name?: string | null;
  team?: string | null;
  status?: 'ACTIVE' | 'LEFT';
}

/** Create (or update) an advisor; a fresh advisorId unless given. Returns the advisorId. */
export async function newAdvisor(t: TestApp, spec: AdvisorSpec = {}): Promise<string> {
  const advisorId = spec.advisorId ?? uid('adv');
  await t.ok(`mutation Advisor($input: AdvisorInput!) { upsertAdvisor(input: $input) { advisorId } }`, { input: { ...spec, advisorId } });
  return advisorId;
}
