/** The synthetic population's referral programme (kingraph generate): campaigns, spend, targets, channels that convert differently, heavy spreaders. */
import { PopulationGenerator, type PopulationRecord } from '../../../src/cli/population';
import { parseLine } from '../../../src/cli/records';

const records: PopulationRecord[] = [...new PopulationGenerator({ seed: 7, households: 3000 }).households()].flatMap((b) => b.records);
const of = <K extends PopulationRecord['kind']>(kind: K) => records.filter((r): r is Extract<PopulationRecord, { kind: K }> => r.kind === kind);

describe('the generated referral programme', () => {
  it('declares every campaign an invitation carries, before any invitation, with spend per channel and not tied to one', () => {
    const campaigns = new Set(of('campaign').map((c) => c.id));
    expect(campaigns.size).toBeGreaterThanOrEqual(4 * 8);
    const firstInvitation = records.findIndex((r) => r.kind === 'invitation');
    expect(records.findLastIndex((r) => r.kind === 'campaign' || r.kind === 'campaignCost' || r.kind === 'referralTarget')).toBeLessThan(firstInvitation);
    for (const inv of of('invitation')) if (inv.campaign) expect(campaigns.has(inv.campaign)).toBe(true);
    const costs = of('campaignCost');
    for (const c of costs) {
      expect(campaigns.has(c.campaign)).toBe(true);
      expect(c.amount).toBeGreaterThan(0);
    }
    expect(costs.some((c) => c.channel === null)).toBe(true);
    expect(new Set(costs.map((c) => c.id)).size).toBe(costs.length);
    const targets = of('referralTarget');
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(campaigns.has(t.campaign)).toBe(true);
  });

  it('every programme line parses as the import reads it', () => {
    for (const r of records.filter((x) => x.kind === 'campaign' || x.kind === 'campaignCost' || x.kind === 'referralTarget')) {
      const parsed = parseLine(JSON.stringify(r));
      expect(parsed.ok).toBe(true);
    }
  });

  it('channels convert differently: agent invitations are accepted far more often than posters and SMS', () => {
    const rate = (channel: string): number => {
      const sent = of('invitation').filter((i) => i.channel === channel);
      return sent.filter((i) => i.accept).length / sent.length;
    };
    expect(rate('agent')).toBeGreaterThan(3 * rate('poster'));
    expect(rate('agent')).toBeGreaterThan(3 * rate('sms'));
  });

  it('has a few heavy spreaders: inviters with 40 or more invitations', () => {
    const sent = new Map<string, number>();
    for (const inv of of('invitation')) sent.set(inv.inviter.identifier.value, (sent.get(inv.inviter.identifier.value) ?? 0) + 1);
    const heavy = [...sent.values()].filter((n) => n >= 40).length;
    expect(heavy).toBeGreaterThan(0);
    expect(heavy).toBeLessThan(sent.size / 20);
  });
});
