/** Plain records the identity feature hands to resolvers and other features. */
import type { IdentifierType } from './identifier';

export type GenderValue = 'FEMALE' | 'MALE' | 'UNKNOWN';

export interface PersonRecord {
  oneId: string;
  displayName: string | null;
  gender: GenderValue;
  birthDate: string | null;
  annualIncome: number | null;
  /** What the person is willing to spend on premiums per year (whole CNY). */
  premiumBudget: number | null;
  /** Creation time, epoch ms: the older person survives a merge. */
  createdAt: number;
  /** Erased by forgetPerson: an anonymous placeholder. */
  forgotten: boolean;
}

export interface IdentifierRecord {
  key: string;
  type: IdentifierType;
  namespace: string | null;
  masked: string;
  shared: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}

export function toPersonRecord(props: Record<string, unknown>): PersonRecord {
  return {
    oneId: String(props.oneId),
    displayName: (props.displayName as string | undefined) ?? null,
    gender: ((props.gender as GenderValue | undefined) ?? 'UNKNOWN') as GenderValue,
    birthDate: (props.birthDate as string | undefined) ?? null,
    annualIncome: (props.annualIncome as number | undefined) ?? null,
    premiumBudget: (props.premiumBudget as number | undefined) ?? null,
    createdAt: Number(props.createdAt ?? 0),
    forgotten: props.forgotten === true,
  };
}

export function toIdentifierRecord(props: Record<string, unknown>): IdentifierRecord {
  return {
    key: String(props.key),
    type: props.type as IdentifierType,
    namespace: (props.namespace as string | undefined) ?? null,
    masked: String(props.masked),
    shared: props.shared === true,
    firstSeenAt: String(props.firstSeenAt),
    lastSeenAt: String(props.lastSeenAt),
  };
}
