/** Policies through the upsertPolicy mutation: holder and insured by OneID, the rest defaulted. */
import type { TestApp } from './app';
import { uid } from './app';

export interface PolicySpec {
  /** A fresh one unless given (giving an existing one replaces that policy). */
  policyNo?: string;
  productType: string;
  sumAssured: number;
  annualPremium?: number;
  status?: string;
  startDate?: string;
  endDate?: string | null;
  holder: string;
  insured: string;
}

const UPSERT_POLICY = `mutation Upsert($input: PolicyInput!) { upsertPolicy(input: $input) { policyNo } }`;

/** The PolicyInput of a spec: ACTIVE, 1000 a year, from 2025-01-01, no end, unless the spec says otherwise. */
export function policyInput(spec: PolicySpec): Record<string, unknown> {
  return {
    policyNo: spec.policyNo ?? uid('pol'),
    productType: spec.productType,
    sumAssured: spec.sumAssured,
    annualPremium: spec.annualPremium ?? 1000,
    status: spec.status ?? 'ACTIVE',
    startDate: spec.startDate ?? '2025-01-01',
    endDate: spec.endDate ?? null,
    holder: { oneId: spec.holder },
    insured: { oneId: spec.insured },
  };
}

/** Create or replace one policy; returns its policyNo. */
export async function newPolicy(t: TestApp, spec: PolicySpec): Promise<string> {
  const input = policyInput(spec);
  await t.ok(UPSERT_POLICY, { input });
  return input.policyNo as string;
}
