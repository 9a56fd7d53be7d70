/**
 * Stored customer state under concurrent writers: policies, interactions, invitations
 * (accepted and converted, deepening one referral tree) and family links race; afterwards
 * every person's stored value, tier, segment, rule tags and validity equal a recomputation
 * from scratch (CustomersService.computeState over the committed inputs).
 */
import { fixedClock } from '../../../src/clock';
import { accept, convert, link, newPeople, newPolicy, phone, record, recordInteractions, useTestApp } from '../../kit';

const t = useTestApp({ clock: fixedClock('2026-06-15') });

it('keeps every stored state equal to a recomputation after concurrent writers', async () => {
  const people = await newPeople(t, Array.from({ length: 12 }, (_, i) => ({ annualIncome: i % 3 === 0 ? 100_000 : null, birthDate: i >= 8 ? `202${i - 8}-03-01` : '1980-01-01' })));
  const ids = people.map((p) => p.oneId);
  const root = ids[0]!;
  const writers: Array<() => Promise<unknown>> = [];
  // A referral chain root -> invitee 1 -> invitee 2 ... built while converts race up the chain.
  const chain: string[] = [root];
  const invitees: string[] = [];
  const growChain = async (): Promise<void> => {
    for (let depth = 0; depth < 4; depth++) {
      const inv = await record(t, chain.at(-1)!);
      const accepted = await accept(t, inv.id, phone());
      chain.push(accepted.invitee!.oneId);
      await convert(t, inv.id, 1000 * (depth + 1));
    }
  };
  writers.push(growChain);
  for (let i = 1; i < 8; i++) {
    const holder = ids[i]!;
    writers.push(async () => {
      const inv = await record(t, holder);
      const accepted = await accept(t, inv.id, phone());
      await convert(t, inv.id, 500 * i);
      invitees.push(accepted.invitee!.oneId);
    });
    writers.push(() => newPolicy(t, { productType: i % 2 ? 'LIFE' : 'SAVINGS', sumAssured: 1, annualPremium: 3000 * i, startDate: i % 2 ? '2026-05-01' : '2025-01-01', holder: holder, insured: ids[(i + 1) % 8]! }));
    writers.push(() => recordInteractions(t, Array.from({ length: 20 }, (_, k) => ({ oneId: ids[(i + k) % 12]!, at: `2026-0${1 + (k % 5)}-1${k % 9}T0${k % 10}:00:00Z` }))));
  }
  for (let i = 8; i < 12; i++) writers.push(() => link(t, ids[i - 8]!, 'PARENT', ids[i]!));
  await Promise.all(writers.map((w) => w()));
  const everyone = [...new Set([...ids, ...chain, ...invitees])];
  const compared = await t.app.services.customers.compareStates(everyone);
  expect(compared).toHaveLength(everyone.length);
  for (const c of compared) expect({ oneId: c.oneId, ...c.stored }).toEqual({ oneId: c.oneId, ...c.fresh, asOf: '2026-06-15' });
  // The tree walked: the root's influence is every converted premium below it.
  const rootState = compared.find((c) => c.oneId === root)!;
  expect(rootState.stored.influence).toBe(1000 + 2000 + 3000 + 4000);
  expect(compared.filter((c) => c.stored.ruleTags.includes('PARENT_OF_YOUNG_CHILD')).length).toBeGreaterThanOrEqual(3);
});
