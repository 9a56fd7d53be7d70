import { createHash } from 'node:crypto';
import type { RawIdentifier } from '../../../src/identity/identifier';
import { classifyIdentifier } from '../../../src/identity/junk';
import { birthDateFromNationalId, normalizeIdentifier } from '../../../src/identity/normalize';
import {
  ageAt,
  dayOf,
  DEFAULT_AS_OF,
  HouseholdBlock,
  InvitationRecord,
  JUNK_VALUES,
  PolicyRecord,
  PopulationGenerator,
  PopulationRecord,
  type InteractionRecord,
} from '../../../src/cli/population';
import { parseLine } from '../../../src/cli/records';
import { bestContactWindow } from '../../../src/customers/value';
import { mix32, permute, decimalMultiplier, Rng } from '../../../src/cli/rng';

const AS_OF = '2026-06-01';
const NOW = new Date(`${AS_OF}T12:00:00Z`);

function generate(seed: number, households: number): HouseholdBlock[] {
  return [...new PopulationGenerator({ seed, households, asOf: AS_OF }).households()];
}

function digest(blocks: HouseholdBlock[]): string {
  const h = createHash('sha256');
  for (const b of blocks) {
    for (const r of b.records) h.update(JSON.stringify(r));
    for (const t of b.truth) h.update(JSON.stringify(t));
  }
  return h.digest('hex');
}

const isJunkValue = (raw: RawIdentifier): boolean => JUNK_VALUES.some((j) => j.type === raw.type && j.value === raw.value);

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and stream, and differs otherwise', () => {
    const seq = (seed: number, stream: number): number[] => {
      const r = new Rng(seed, stream);
      return Array.from({ length: 5 }, () => r.uint32());
    };
    expect(seq(1, 2)).toEqual(seq(1, 2));
    expect(seq(1, 2)).not.toEqual(seq(1, 3));
    expect(seq(1, 2)).not.toEqual(seq(2, 2));
    expect(mix32(0)).not.toBe(mix32(1));
  });

  it('permute is a bijection of [0, m) for a multiplier coprime to m', () => {
    const m = 10_000;
    const a = decimalMultiplier(123);
    const seen = new Set<number>();
    for (let x = 0; x < m; x += 1) seen.add(permute(x, m, a, 77));
    expect(seen.size).toBe(m);
  });
});

describe('PopulationGenerator', () => {
  const blocks = generate(42, 400);
  const records: PopulationRecord[] = blocks.flatMap((b) => b.records);
  const truth = blocks.flatMap((b) => b.truth);

  it('is deterministic: same seed, identical output; another seed, different output', () => {
    expect(digest(generate(42, 400))).toBe(digest(blocks));
    expect(digest(generate(43, 400))).not.toBe(digest(blocks));
  });

  it('makes households of 1 to 7 people with one breadwinner and realistic roles', () => {
    const households = records.filter((r) => r.kind === 'household');
    expect(households).toHaveLength(400);
    const sizes = new Set<number>();
    for (const h of households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(7);
      expect(h.members.filter((m) => m.role === 'BREADWINNER')).toHaveLength(1);
      expect(h.members.filter((m) => m.role === 'SPOUSE').length).toBeLessThanOrEqual(1);
      sizes.add(h.members.length);
    }
    expect([...sizes].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const roles = new Set(households.flatMap((h) => h.members.map((m) => m.role)));
    expect([...roles].sort()).toEqual(['BREADWINNER', 'CHILD', 'ELDER', 'OTHER', 'SPOUSE']);
    // Every person is in exactly one household.
    const members = households.flatMap((h) => h.members.map((m) => m.person.identifier.value));
    expect(new Set(members).size).toBe(members.length);
    expect(members.length).toBe(truth.length);
  });

  it('only emits identifiers identity accepts as valid, except the deliberate junk', () => {
    let junk = 0;
    let checked = 0;
    const spellings = new Set<string>();
    for (const r of records) {
      if (r.kind !== 'event') continue;
      for (const id of r.identifiers) {
        const c = classifyIdentifier(id, { now: NOW });
        if (isJunkValue(id)) {
          expect(c.kind).toBe('junk');
          junk += 1;
        } else {
          expect({ id, c: c.kind }).toEqual({ id, c: 'valid' });
          checked += 1;
        }
        if (id.type === 'PHONE') spellings.add(id.value.replace(/\d/g, 'd').replace(/[\uff10-\uff19]/g, 'D'));
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(junk).toBeGreaterThan(0);
    // Messy spellings of the same numbers: +86 138-..., 86138..., 138 ...., full-width digits.
    expect([...spellings]).toEqual(
      expect.arrayContaining(['+dd ddd-dddd-dddd', 'd'.repeat(13), 'ddd dddd dddd', 'd'.repeat(11), 'D'.repeat(11), '(+dd) ddddddddddd']),
    );
    for (const t of truth) for (const id of t.identifiers) expect(classifyIdentifier(id, { now: NOW }).kind).toBe('valid');
  });

  it('writes national IDs whose birth date and sex digit match the person', () => {
    for (const r of records) {
      if (r.kind !== 'event' || !r.attributes?.birthDate) continue;
      const nid = r.identifiers.find((i) => i.type === 'NATIONAL_ID')!;
      const canonical = normalizeIdentifier(nid, { now: NOW });
      expect(canonical.ok).toBe(true);
      const value = canonical.ok ? canonical.value.value : '';
      expect(birthDateFromNationalId(value)).toBe(r.attributes.birthDate);
      expect(Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE').toBe(r.attributes.gender);
      expect(r.attributes.birthDate <= AS_OF).toBe(true);
    }
  });

  it('gives every person a unique national ID, crm account and primary phone', () => {
    for (const type of ['NATIONAL_ID', 'ACCOUNT']) {
      const values = truth.flatMap((t) => t.identifiers.filter((i) => i.type === type && (type !== 'ACCOUNT' || i.namespace === 'crm')).map((i) => i.value));
      expect(values).toHaveLength(truth.length);
      expect(new Set(values).size).toBe(values.length);
    }
    // Phones are unique except the deliberately recycled ones (held by two people).
    const owners = new Map<string, number>();
    for (const t of truth) for (const i of t.identifiers) if (i.type === 'PHONE') owners.set(i.value, (owners.get(i.value) ?? 0) + 1);
    const recycled = [...owners.values()].filter((n) => n > 1).length;
    expect(recycled).toBeLessThanOrEqual(5);
  });

  it('has recycled numbers across households on a larger population', () => {
    const big = generate(7, 3000).flatMap((b) => b.truth);
    const owners = new Map<string, Set<string>>();
    for (const t of big) for (const i of t.identifiers) if (i.type === 'PHONE') owners.set(i.value, (owners.get(i.value) ?? new Set()).add(t.householdId));
    const recycled = [...owners.values()].filter((hh) => hh.size > 1);
    expect(recycled.length).toBeGreaterThan(0);
    expect(recycled.length).toBeLessThan(40);
  });

  it('shares home devices (tv, fridge, car) within a household, never across', () => {
    const byDevice = new Map<string, Set<string>>();
    for (const t of truth) {
      for (const i of t.identifiers) if (i.type === 'IOT_DEVICE') byDevice.set(i.value, (byDevice.get(i.value) ?? new Set()).add(t.householdId));
    }
    expect(byDevice.size).toBeGreaterThan(50);
    for (const hh of byDevice.values()) expect(hh.size).toBe(1);
    const namespaces = new Set(truth.flatMap((t) => t.identifiers.filter((i) => i.type === 'IOT_DEVICE').map((i) => i.namespace)));
    expect([...namespaces]).toEqual(expect.arrayContaining(['tv', 'fridge', 'car']));
  });

  it('covers every identifier type and the three account namespaces', () => {
    const kinds = new Set(truth.flatMap((t) => t.identifiers.map((i) => (i.type === 'ACCOUNT' || i.type === 'DEVICE_ID' ? `${i.type}:${i.namespace}` : i.type))));
    expect([...kinds].sort()).toEqual(
      ['ACCOUNT:app', 'ACCOUNT:crm', 'ACCOUNT:policy-admin', 'DEVICE_ID:idfa', 'DEVICE_ID:imei', 'EMAIL', 'IOT_DEVICE', 'NATIONAL_ID', 'PHONE', 'WECHAT_OPENID', 'WECHAT_UNIONID'].sort(),
    );
    const appIds = new Set(truth.flatMap((t) => t.identifiers.filter((i) => i.type === 'WECHAT_OPENID').map((i) => i.namespace)));
    expect(appIds.size).toBe(2);
  });

  it('references only people of its own or earlier households, by account', () => {
    const known = new Set<string>();
    for (const b of blocks) {
      for (const t of b.truth) for (const i of t.identifiers) if (i.type === 'ACCOUNT') known.add(`${i.namespace}:${i.value}`);
      for (const r of b.records) {
        const refs =
          r.kind === 'household' ? r.members.map((m) => m.person) :
          r.kind === 'link' ? [r.from, r.to] :
          r.kind === 'policy' ? [r.holder, r.insured] :
          r.kind === 'invitation' ? [r.inviter, ...(r.accept ? [{ identifier: r.accept.invitee }] : [])] :
          r.kind === 'lifeEvent' ? [r.person, ...(r.partner ? [r.partner] : [])] : [];
        for (const ref of refs) {
          expect(ref.identifier.type).toBe('ACCOUNT');
          expect(known.has(`${ref.identifier.namespace}:${ref.identifier.value}`)).toBe(true);
        }
      }
    }
  });

  it('makes policies with a realistic mix of products, statuses and dates', () => {
    const policies = records.filter((r) => r.kind === 'policy');
    expect(new Set(policies.map((p) => p.productType)).size).toBe(7);
    const active = policies.filter((p) => p.status === 'ACTIVE').length;
    expect(active / policies.length).toBeGreaterThan(0.6);
    expect(policies.some((p) => p.status === 'LAPSED')).toBe(true);
    expect(policies.some((p) => p.status === 'EXPIRED')).toBe(true);
    for (const p of policies) {
      expect(p.startDate < AS_OF).toBe(true);
      if (p.endDate) expect(p.endDate >= p.startDate).toBe(true);
      if (p.status === 'EXPIRED') expect(p.endDate! < AS_OF).toBe(true);
      expect(p.sumAssured).toBeGreaterThan(0);
      expect(p.annualPremium).toBeGreaterThan(0);
    }
    // A policyNo appears once, or twice for a lapse (see below).
    const counts = new Map<string, number>();
    for (const p of policies) counts.set(p.policyNo, (counts.get(p.policyNo) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it('grows referral trees with a heavy-tailed fan-out and consistent dates', () => {
    const big = generate(11, 5000).flatMap((b) => b.records).filter((r): r is InvitationRecord => r.kind === 'invitation');
    const fanOut = new Map<string, number>();
    for (const inv of big) {
      if (!inv.accept) continue;
      expect(inv.accept.at >= inv.sentAt).toBe(true);
      if (inv.convert) expect(inv.convert.at >= inv.accept.at).toBe(true);
      fanOut.set(inv.inviter.identifier.value, (fanOut.get(inv.inviter.identifier.value) ?? 0) + 1);
    }
    const counts = [...fanOut.values()].sort((a, b) => b - a);
    const mean = counts.reduce((s, n) => s + n, 0) / counts.length;
    // Most inviters bring one or two people; the top ones bring dozens.
    expect(counts[0]).toBeGreaterThan(20 * mean);
    expect(counts.filter((n) => n === 1).length / counts.length).toBeGreaterThan(0.5);
    expect(big.some((i) => i.convert)).toBe(true);
    expect(big.some((i) => !i.accept)).toBe(true);
  });

  it('ages match birth dates and roles', () => {
    for (const b of blocks.slice(0, 100)) {
      const profiles = b.records.filter((r) => r.kind === 'event' && r.attributes?.birthDate);
      const household = b.records.find((r) => r.kind === 'household')!;
      if (household.kind !== 'household') continue;
      household.members.forEach((m, i) => {
        const p = profiles[i];
        if (p?.kind !== 'event') throw new Error('profile event missing');
        const age = ageAt(p.attributes!.birthDate!, AS_OF);
        if (m.role === 'BREADWINNER' || m.role === 'SPOUSE') expect(age).toBeGreaterThanOrEqual(18);
        if (m.role === 'ELDER') expect(age).toBeGreaterThanOrEqual(45);
        expect(age).toBeLessThanOrEqual(100);
      });
    }
  });

  it('supports --persons: households until that many people', () => {
    const gen = new PopulationGenerator({ seed: 5, persons: 500, asOf: AS_OF });
    const persons = [...gen.households()].reduce((n, b) => n + b.truth.length, 0);
    expect(persons).toBeGreaterThanOrEqual(500);
    expect(persons).toBeLessThan(508);
  });
});

describe('PopulationGenerator: advisors, budgets, wedding days, life events, renewals and lapses', () => {
  const blocks = generate(42, 400);
  const records: PopulationRecord[] = blocks.flatMap((b) => b.records);
  const asOfDay = dayOf(AS_OF);
  /** Person facts by crm account, from the CRM profile events (the ones with a birth date). */
  const profiles = new Map<string, { birthDate: string; income: number | undefined; budget: number | undefined }>();
  const roles = new Map<string, string>();
  for (const r of records) {
    if (r.kind === 'event' && r.attributes?.birthDate) {
      const crm = r.identifiers.find((i) => i.type === 'ACCOUNT' && i.namespace === 'crm')!.value;
      profiles.set(crm, { birthDate: r.attributes.birthDate, income: r.attributes.annualIncome, budget: r.attributes.premiumBudget });
    }
    if (r.kind === 'household') for (const m of r.members) roles.set(m.person.identifier.value, m.role);
  }

  it('uses DEFAULT_AS_OF when no asOf is given, and is deterministic with the new kinds too', () => {
    expect(AS_OF).toBe(DEFAULT_AS_OF);
    const again = [...new PopulationGenerator({ seed: 42, households: 400 }).households()].flatMap((b) => b.records);
    expect(again).toEqual(records);
    const kinds = new Set(records.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['advisor', 'campaign', 'campaignCost', 'consent', 'event', 'household', 'interaction', 'invitation', 'lifeEvent', 'link', 'policy', 'referralTarget']);
  });

  it('writes one advisor record per advisorId, before the first household or invitation naming it, a few LEFT', () => {
    const written = new Map<string, number>();
    records.forEach((r, i) => {
      if (r.kind === 'advisor') {
        expect(written.has(r.advisorId)).toBe(false);
        written.set(r.advisorId, i);
        expect(r.name).toMatch(/^\S{2,3}$/);
        expect(r.team).toMatch(/分公司\d+组$/);
        expect(['ACTIVE', 'LEFT']).toContain(r.status);
      }
      if ((r.kind === 'household' || r.kind === 'invitation') && r.advisorId) expect(written.get(r.advisorId)).toBeLessThan(i);
    });
    const named = new Set(records.flatMap((r) => (r.kind === 'household' && r.advisorId ? [r.advisorId] : [])));
    expect(new Set(written.keys())).toEqual(named);
    const advisors = records.filter((r) => r.kind === 'advisor');
    expect(advisors.filter((a) => a.status === 'LEFT')).toHaveLength(1); // 4 advisors: at least one LEFT
    // Two percent of a larger book.
    const big: PopulationRecord[] = [];
    for (const b of new PopulationGenerator({ seed: 9, households: 5000, asOf: AS_OF }).households()) {
      big.push(...b.records.filter((r) => r.kind === 'advisor'));
      if (big.length === 50) break; // every advisor was named by then
    }
    expect(big).toHaveLength(50);
    expect(big.filter((a) => a.kind === 'advisor' && a.status === 'LEFT')).toHaveLength(1);
    // A single advisor never LEFT: that would orphan every household.
    expect(generate(9, 30).flatMap((b) => b.records).filter((r) => r.kind === 'advisor')).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
  });

  it('gives breadwinners and spouses with an income a premium budget of 5 to 15% of it, some unknown', () => {
    let known = 0;
    let unknown = 0;
    for (const [crm, p] of profiles) {
      const role = roles.get(crm)!;
      if (p.budget === undefined) {
        if ((role === 'BREADWINNER' || role === 'SPOUSE') && p.income) unknown += 1;
        continue;
      }
      expect(['BREADWINNER', 'SPOUSE']).toContain(role);
      expect(p.budget % 100).toBe(0);
      expect(p.budget).toBeGreaterThanOrEqual(p.income! * 0.05 - 50);
      expect(p.budget).toBeLessThanOrEqual(p.income! * 0.15 + 50);
      known += 1;
    }
    expect(known).toBeGreaterThan(300);
    expect(unknown).toBeGreaterThan(0);
    expect(unknown / (known + unknown)).toBeLessThan(0.3);
  });

  it('dates SPOUSE links with the wedding day: mostly years ago, one couple in twelve within the last 90 days', () => {
    const spouses = records.filter((r) => r.kind === 'link' && r.relation === 'SPOUSE');
    expect(spouses.length).toBeGreaterThan(250);
    let recent = 0;
    for (const l of spouses) {
      if (l.kind !== 'link') continue;
      expect(l.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const day = dayOf(l.since!);
      expect(day).toBeLessThan(asOfDay);
      // Both were at least 20 on the wedding day.
      for (const ref of [l.from, l.to]) expect(ageAt(profiles.get(ref.identifier.value)!.birthDate, l.since!)).toBeGreaterThanOrEqual(20);
      if (day >= asOfDay - 89) recent += 1;
      else expect(day).toBeLessThanOrEqual(asOfDay - 365);
    }
    expect(recent).toBeGreaterThanOrEqual(Math.floor(records.filter((r) => r.kind === 'link' && r.relation === 'SPOUSE' && roles.get(r.from.identifier.value) === 'BREADWINNER').length / 12));
  });

  it('records life events: recent MARRIAGEs with the spouse, BIRTHs of young children, a few RETIREMENTs and HOME_PURCHASEs', () => {
    const events = records.filter((r) => r.kind === 'lifeEvent');
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const spouseSince = new Map<string, string>();
    for (const r of records) if (r.kind === 'link' && r.relation === 'SPOUSE' && r.since) spouseSince.set(`${r.from.identifier.value}|${r.to.identifier.value}`, r.since);
    const byKind = new Map<string, number>();
    for (const e of events) {
      byKind.set(e.lifeEventKind, (byKind.get(e.lifeEventKind) ?? 0) + 1);
      expect(e.date <= AS_OF).toBe(true);
      expect(Boolean(e.partner)).toBe(e.lifeEventKind === 'MARRIAGE');
      const person = profiles.get(e.person.identifier.value)!;
      switch (e.lifeEventKind) {
        case 'MARRIAGE':
          expect(roles.get(e.person.identifier.value)).toBe('BREADWINNER');
          expect(roles.get(e.partner!.identifier.value)).toBe('SPOUSE');
          expect(spouseSince.get(`${e.person.identifier.value}|${e.partner!.identifier.value}`)).toBe(e.date);
          expect(dayOf(e.date)).toBeGreaterThanOrEqual(asOfDay - 89);
          break;
        case 'BIRTH':
          expect(roles.get(e.person.identifier.value)).toBe('CHILD');
          expect(e.date).toBe(person.birthDate);
          expect(ageAt(person.birthDate, AS_OF)).toBeLessThanOrEqual(2);
          break;
        case 'RETIREMENT':
          expect([55, 60]).toContain(ageAt(person.birthDate, e.date));
          break;
        default:
          expect(['HOME_PURCHASE', 'JOB_CHANGE']).toContain(e.lifeEventKind);
      }
    }
    for (const kind of ['MARRIAGE', 'BIRTH', 'RETIREMENT', 'HOME_PURCHASE']) expect(byKind.get(kind) ?? 0).toBeGreaterThan(0);
    // Every newborn (under one) has its BIRTH.
    const births = new Set(events.filter((e) => e.lifeEventKind === 'BIRTH').map((e) => e.person.identifier.value));
    for (const [crm, p] of profiles) if (roles.get(crm) === 'CHILD' && ageAt(p.birthDate, AS_OF) === 0) expect(births.has(crm)).toBe(true);
    // Life events follow the links of their household, before its policies.
    for (const b of blocks) {
      const kinds = b.records.map((r) => r.kind);
      const firstEvent = kinds.indexOf('lifeEvent');
      if (firstEvent < 0) continue;
      expect(kinds.lastIndexOf('link')).toBeLessThan(firstEvent);
      if (kinds.includes('policy')) expect(kinds.lastIndexOf('lifeEvent')).toBeLessThan(kinds.indexOf('policy'));
    }
  });

  it('has ACTIVE policies ending within 60 days, and ACTIVE policies that LAPSE later (a second record, in file order)', () => {
    const policies = records.filter((r): r is PolicyRecord => r.kind === 'policy');
    const first = new Map<string, { index: number; policy: PolicyRecord }>();
    const lapses: PolicyRecord[] = [];
    policies.forEach((p, index) => {
      const earlier = first.get(p.policyNo);
      if (!earlier) {
        first.set(p.policyNo, { index, policy: p });
        return;
      }
      // The same policy, once ACTIVE, then LAPSED: an upsert that changes its status.
      expect(earlier.policy.status).toBe('ACTIVE');
      expect(p).toEqual({ ...earlier.policy, status: 'LAPSED' });
      lapses.push(p);
    });
    const active = policies.filter((p) => p.status === 'ACTIVE').length;
    expect(lapses.length).toBeGreaterThanOrEqual(Math.floor(active / 25) - 1);
    expect(lapses.length).toBeLessThanOrEqual(Math.ceil(active / 25));
    const lapsed = new Set(lapses.map((p) => p.policyNo));
    const renewing = [...first.values()].filter(
      ({ policy: p }) => p.status === 'ACTIVE' && !lapsed.has(p.policyNo) && p.endDate !== null && dayOf(p.endDate) >= asOfDay && dayOf(p.endDate) <= asOfDay + 60,
    );
    expect(renewing.length).toBeGreaterThan(20);
  });
});

describe('interactions with daily rhythms', () => {
  const records = generate(42, 300).flatMap((b) => b.records).filter((r): r is InteractionRecord => r.kind === 'interaction');
  it('gives adults interactions before asOf that read back through the import parser', () => {
    expect(records.length).toBeGreaterThan(300);
    for (const r of records.slice(0, 200)) {
      expect(r.at < `${AS_OF}T00:00:00Z`).toBe(true);
      expect(parseLine(JSON.stringify(r))).toEqual({ ok: true, record: { ...r, at: new Date(r.at).toISOString() } });
    }
  });
  it('clusters each person in its habit hours (Beijing time): most of a busy person falls in one two-hour window', () => {
    const hours = new Map<string, number[]>();
    for (const r of records) {
      const key = r.person.identifier.value;
      hours.set(key, [...(hours.get(key) ?? []), (new Date(r.at).getUTCHours() + 8) % 24]);
    }
    const busy = [...hours.values()].filter((h) => h.length >= 12);
    expect(busy.length).toBeGreaterThan(10);
    const clustered = busy.filter((h) => (bestContactWindow(h)?.interactions ?? 0) >= h.length * 0.4);
    expect(clustered.length / busy.length).toBeGreaterThan(0.8);
  });
});

