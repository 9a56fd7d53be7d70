/**
 * Issue 14 on a generated population (kingraph generate, imported through the services): the
 * programme imports without a reject, rows of a breakdown sum to its total, and every
 * drill-down's totalCount equals its row's figure and the rows walked.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateToFile } from '../../../src/cli/generate';
import { importFile, type ImportSummary } from '../../../src/cli/import';
import { useTestApp } from '../../kit';
import { breakdown, drill, METRIC_FIGURE, METRICS } from './support';

const t = useTestApp();
const HOUSEHOLDS = 60;
let dir: string;
let seed: number;
let summary: ImportSummary;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kingraph-campaigns-'));
  const file = join(dir, 'population.ndjson');
  seed = randomInt(1, 2 ** 31);
  await generateToFile({ seed, households: HOUSEHOLDS, out: file });
  summary = await importFile({ file, services: t.app.services, batchSize: 200 });
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The population's first advisor: its invitations are this run's only (advisor ids carry the seed). */
const advisorId = (): string => `adv-${seed.toString(36)}-0`;

describe('the dashboard over a generated population', () => {
  it('imports the programme (campaigns, spend, targets) without a reject', () => {
    expect(summary.totals.rejects).toBe(0);
    expect(summary.totals.campaigns).toBeGreaterThan(0);
    expect(summary.totals.campaignCosts).toBeGreaterThan(0);
    expect(summary.totals.invitations).toBeGreaterThan(0);
  });

  it('rows sum to the total and every drill-down count equals its figure', async () => {
    const filter = { advisorId: advisorId() };
    for (const by of [['CAMPAIGN', 'CHANNEL'], ['MONTH'], ['CHANNEL', 'WEEK']]) {
      const b = await breakdown(t, filter, by);
      expect(b.total.invited).toBeGreaterThan(0);
      for (const k of ['invited', 'accepted', 'converted', 'premium'] as const) {
        expect([by, k, b.rows.reduce((n, r) => n + r.figures[k], 0)]).toEqual([by, k, b.total[k]]);
      }
      if (by[0] !== 'CAMPAIGN') continue;
      for (const row of b.rows) {
        for (const metric of METRICS) {
          const figure = row.figures[METRIC_FIGURE[metric]] as number;
          const page = await drill(t, row.filter, metric, 200);
          expect([row.campaign, row.channel, metric, page.totalCount, page.edges.length]).toEqual([row.campaign, row.channel, metric, figure, Math.min(figure, 200)]);
        }
      }
    }
    for (const metric of METRICS) {
      const total = (await breakdown(t, filter, ['CHANNEL'])).total[METRIC_FIGURE[metric]];
      expect([metric, (await drill(t, filter, metric, 1)).totalCount]).toEqual([metric, total]);
    }
  });

  it('the population’s targets (the latest year’s campaigns, first advisors) report the advisor’s figures in the campaign', async () => {
    for (const campaign of ['family-care-2026', 'summer-2026']) {
      const { referralTargets } = await t.ok<{ referralTargets: Array<{ advisorId: string; completion: number; actual: { invited: number } }> }>(
        `query T($c: ID!, $a: ID) { referralTargets(campaign: $c, advisorId: $a) { advisorId completion actual { invited } } }`,
        { c: campaign, a: advisorId() },
      );
      expect(referralTargets.map((x) => x.advisorId)).toEqual([advisorId()]);
      expect(referralTargets[0]!.completion).toBeGreaterThanOrEqual(0);
      expect(referralTargets[0]!.completion).toBeLessThanOrEqual(1);
      const b = await breakdown(t, { campaign, advisorId: advisorId() }, ['CHANNEL']);
      expect(referralTargets[0]!.actual.invited).toBe(b.total.invited);
    }
  });
});
