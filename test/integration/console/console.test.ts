/**
 * The advisor console end to end in headless Chromium (Debian's package, driven by
 * playwright-core): the console is built (npm run build:console), served by the test app under
 * /app, and used as an advisor would with the keyboard: sign in with a token, open the
 * work-list, open a household and check the family graph cytoscape drew (one node per member,
 * one edge per family link, gaps marked), open a referral tree, reveal a member's phone for
 * SERVICE in the "Reveal contact" dialog (and be refused CONSENT_REQUIRED for MARKETING, no
 * consent recorded), then an ADMIN picks the advisor and switches to Chinese. Nothing raw
 * reaches the URL or storage; every reveal is in the access log; no console errors (CSP
 * violations included). Screenshots go to .artifacts/console/ (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { fixedClock } from '../../../src/clock';
import { repoRoot } from '../../../src/paths';
import {
  ADMIN,
  advisor,
  invite,
  link,
  logOf,
  newAdvisor,
  newHousehold,
  newPeople,
  newPolicy,
  normalized,
  phone,
  uid,
  useTestApp,
  type TestApp,
  type TestPerson,
} from '../../kit';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(repoRoot(), '.artifacts', 'console');
const TODAY = '2026-06-01';
const SERVES_REVEAL = /\brevealIdentifiers\(/.test(readFileSync(join(repoRoot(), 'schema', 'schema.graphql'), 'utf8'));

beforeAll(() => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the console's browser test needs Debian's chromium package. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  // The test checks the console as it is now: build it (a few seconds) before the app serves it.
  execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: repoRoot(), stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

interface Family {
  advisorId: string;
  householdId: string;
  members: TestPerson[];
  /** [from, to] per family link, as linked. */
  links: Array<[string, string]>;
}

/** Four members, four links (spouses, both parents of the child, the elder parent of the breadwinner), an advisor, policies, a budget, an invitation. */
async function makeFamily(t: TestApp): Promise<Family> {
  const advisorId = await newAdvisor(t, { name: 'Li Advisor', team: 'Shanghai' });
  const members = await newPeople(t, [
    { displayName: 'Wang Wei', birthDate: '1985-06-10', gender: 'MALE', annualIncome: 300_000, premiumBudget: 20_000 },
    { displayName: 'Zhang Li', birthDate: '1987-02-14', gender: 'FEMALE', annualIncome: 200_000 },
    { displayName: 'Wang Xiaoming', birthDate: '2015-09-01', gender: 'MALE' },
    { displayName: 'Wang Jianguo', birthDate: '1955-11-20', gender: 'MALE' },
  ]);
  const [bw, spouse, child, elder] = members.map((m) => m.oneId) as [string, string, string, string];
  const householdId = await newHousehold(t, [[bw, 'BREADWINNER'], [spouse, 'SPOUSE'], [child, 'CHILD'], [elder, 'ELDER']], { name: uid('Wang family'), advisorId });
  const links: Array<[string, string]> = [[bw, spouse], [bw, child], [spouse, child], [elder, bw]];
  await link(t, bw, 'SPOUSE', spouse);
  await link(t, bw, 'PARENT', child);
  await link(t, spouse, 'PARENT', child);
  await link(t, elder, 'PARENT', bw);
  await newPolicy(t, { productType: 'LIFE', sumAssured: 1_000_000, annualPremium: 3000, holder: bw, insured: bw });
  await newPolicy(t, { productType: 'MEDICAL', sumAssured: 2_000_000, annualPremium: 800, holder: bw, insured: child });
  await invite(t, bw, phone());
  return { advisorId, householdId, members, links };
}

/** Console errors, uncaught exceptions and CSP violations of a page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

const active = (page: Page): Promise<string> => page.evaluate('document.activeElement ? (document.activeElement.getAttribute("name") || document.activeElement.textContent || "").trim() : ""');

/** Sign in through the form with the keyboard; waits for the signed-in header unless the token is expected to be refused. */
async function signIn(page: Page, base: string, token: string, refused = false): Promise<void> {
  await page.goto(`${base}/app/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // Keyboard: the skip link comes first, then the language switch, then the token field and the button.
  await page.keyboard.press('Tab');
  expect(await active(page)).toBe('Skip to content');
  await page.getByLabel('Token').fill(`Bearer ${token}`);
  await page.getByLabel('Token').focus();
  await page.keyboard.press('Tab');
  expect(await active(page)).toBe('Sign in');
  await page.keyboard.press('Enter');
  if (!refused) await page.getByTestId('who').waitFor();
}

/** Open a member's "Reveal contact" dialog; the open dialog. */
async function openReveal(page: Page, member: TestPerson): Promise<Locator> {
  await page.locator(`[data-member="${member.oneId}"]`).getByRole('button', { name: 'Reveal contact' }).click();
  const dialog = page.getByRole('dialog', { name: /^Reveal contact details · / });
  await dialog.waitFor();
  return dialog;
}

/** In the open reveal dialog, ask for the PHONE only, for this purpose with this justification, and submit. */
async function askPhone(dialog: Locator, purpose: string, justification: string): Promise<void> {
  for (const box of await dialog.getByRole('checkbox').all()) await box.setChecked((await box.getAttribute('value')) === 'PHONE');
  await dialog.getByLabel('Purpose').selectOption(purpose);
  await dialog.getByLabel('Justification', { exact: true }).fill(justification);
  await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();
}

describe('the advisor console in Chromium', () => {
  const t = useTestApp({ clock: fixedClock(TODAY) });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let base: string;
  let family: Family;

  beforeAll(async () => {
    base = t.app.server.url.replace(/\/graphql$/, '');
    family = await makeFamily(t);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    errors = watchErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the console under /app with a strict content security policy, and every route falls back to the page', async () => {
    const res = await fetch(`${base}/app/household/${encodeURIComponent(family.householdId)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toMatch(/<script type="module" crossorigin src="\/app\/assets\/index-[\w-]+\.js">/);
    expect((await fetch(`${base}/app/assets/missing.js`)).status).toBe(404);
  });

  it('an advisor signs in with a token, sees its work-list, and opens a household drawn as a graph: one node per member, one edge per link', async () => {
    const [bw, spouse, child, elder] = family.members;
    await signIn(page, base, await t.token(advisor(family.advisorId)));

    // The work-list: the advisor's own (its token's sub), with kinds, dates, reasons and suggestions.
    await page.getByRole('heading', { name: `Work-list · ${family.advisorId}` }).waitFor();
    const birthday = page.locator('tr.work-item[data-kind="BIRTHDAY"]');
    await birthday.waitFor();
    await expect(birthday.textContent()).resolves.toContain('2026-06-10');
    await expect(birthday.textContent()).resolves.toContain('Wang Wei');
    await page.locator('tr.work-item[data-kind="COVERAGE_GAP"]').waitFor();
    expect(await page.locator('tr.work-item').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'worklist.png'), fullPage: true });

    // Open the household from the work-list with the keyboard.
    await birthday.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/app/household/${encodeURIComponent(family.householdId)}`);
    const graph = page.locator('[data-testid="graph-family"][data-ready="true"]');
    await graph.waitFor();
    expect(await graph.getAttribute('data-nodes')).toBe('4');
    expect(await graph.getAttribute('data-edges')).toBe(String(family.links.length));
    const nodes = (await page.evaluate('window.kingraphCy.family.nodes().map((n) => n.id())')) as string[];
    expect([...nodes].sort()).toEqual(family.members.map((m) => m.oneId).sort());
    const edges = (await page.evaluate('window.kingraphCy.family.edges().map((e) => [e.source().id(), e.target().id(), e.data("label")])')) as Array<[string, string, string]>;
    const pairs = edges.map(([a, b]) => [a, b].sort().join('|')).sort();
    expect(pairs).toEqual(family.links.map(([a, b]) => [a, b].sort().join('|')).sort());
    expect(edges.map((e) => e[2]).sort()).toEqual(['Parent', 'Parent', 'Parent', 'Spouse']);
    // Roles in the node labels; members with coverage gaps ringed (the spouse has no policy at all).
    const labels = (await page.evaluate('window.kingraphCy.family.nodes().map((n) => [n.id(), n.data("label"), n.hasClass("gap")])')) as Array<[string, string, boolean]>;
    const byId = new Map(labels.map(([id, label, gap]) => [id, { label, gap }]));
    expect(byId.get(bw!.oneId)!.label).toBe('Wang Wei\nBreadwinner');
    expect(byId.get(elder!.oneId)!.label).toBe('Wang Jianguo\nElder');
    expect(byId.get(spouse!.oneId)!.gap).toBe(true);
    expect(await page.locator(`[data-member="${spouse!.oneId}"].has-gap`).count()).toBe(1);
    // Policies per member, gaps listed, suggestions within budget from the advisor's work-list.
    await expect(page.locator(`[data-member="${child!.oneId}"] .policies`).textContent()).resolves.toContain('Medical');
    expect(await page.getByTestId('gaps').locator('tr.gap-row').count()).toBeGreaterThan(0);
    await page.getByTestId('suggestions').locator('tr.suggestion').first().waitFor();
    const bwSuggestions = page.getByTestId('suggestions').locator('tr.suggestion', { hasText: 'Wang Wei' });
    expect(await bwSuggestions.count()).toBeGreaterThan(0);
    await expect(bwSuggestions.first().textContent()).resolves.toContain('¥20,000'); // the breadwinner's budget
    // Identifiers masked; the reveal button only when the served schema has revealIdentifiers.
    const html = await page.content();
    for (const m of family.members) expect(html).not.toContain(m.phone.value);
    expect(await page.locator('[data-member] code').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('button', { name: 'Reveal contact' }).count()).toBe(SERVES_REVEAL ? 4 : 0);
    await page.screenshot({ path: join(ARTIFACTS, 'household.png'), fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'household-top.png') }); // the first screen: README's docs/console-household.png

    // The referral tree of the breadwinner (it brought one person in).
    await page.locator(`[data-member="${bw!.oneId}"] h3 a`).click();
    await page.waitForURL(`**/app/person/${encodeURIComponent(bw!.oneId)}/referrals`);
    await page.locator('[data-testid="graph-referral"][data-ready="true"]').waitFor();
    await expect(page.getByTestId('tree-size').textContent()).resolves.toBe('1');
    expect(await page.getByTestId('levels').locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'referral.png'), fullPage: true });

    // Nothing raw in the URL or storage: the token in sessionStorage only, localStorage holds the language at most.
    expect(page.url()).not.toMatch(/\d{11}/);
    const storage = (await page.evaluate('({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })')) as { local: string[]; session: string[] };
    expect(storage.session).toEqual(['kingraph.token']);
    expect(storage.local.filter((k) => k !== 'kingraph.lang')).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it("the advisor reveals a member's phone for SERVICE in the dialog; MARKETING without the customer's consent is refused", async () => {
    const spouse = family.members[1]!;
    const ingested = spouse.phone.value; // the 11 digits the test ingested
    const clear = normalized(t, spouse.phone).value; // as the service keeps it: E.164
    expect(clear).toBe(`+86${ingested}`);
    // A tab of its own (sessionStorage is per tab): the advisor signs in there.
    const tab = await context.newPage();
    const tabErrors = watchErrors(tab);
    await signIn(tab, base, await t.token(advisor(family.advisorId)));
    await tab.goto(`${base}/app/household/${encodeURIComponent(family.householdId)}`);
    await tab.locator('[data-testid="graph-family"][data-ready="true"]').waitFor();
    expect(await tab.content()).not.toContain(ingested);

    // SERVICE: the household's advisor may see the phone; the clear value shows in the dialog only.
    const why = 'The customer asked to be called back about her claim';
    const dialog = await openReveal(tab, spouse);
    await askPhone(dialog, 'SERVICE', why);
    const revealed = dialog.getByTestId('revealed');
    await revealed.waitFor();
    await expect(revealed.locator('li').allTextContents()).resolves.toEqual([`Phone: ${clear}`]);
    await dialog.screenshot({ path: join(ARTIFACTS, 'reveal.png') });
    expect(tab.url()).not.toContain(ingested);
    const stored = (await tab.evaluate('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })')) as string;
    expect(stored).toContain('kingraph.token'); // what was read is the storage itself
    expect(stored).not.toContain(ingested);
    const granted = { action: 'REVEAL', actor: family.advisorId, actorRole: 'ADVISOR', oneId: spouse.oneId, types: ['PHONE'], purpose: 'SERVICE', justification: why, outcome: 'GRANTED' };
    expect(await logOf(t, spouse.oneId)).toEqual([expect.objectContaining(granted)]);

    // MARKETING in the same dialog: no MARKETING_CALL consent is recorded, so CONSENT_REQUIRED,
    // logged as DENIED, and no value on screen (not even the one the SERVICE reveal showed).
    const pitch = 'Offer the new medical plan';
    await askPhone(dialog, 'MARKETING', pitch);
    await dialog.getByRole('alert').filter({ hasText: 'The customer has not consented to marketing on this channel.' }).waitFor();
    expect(await dialog.getByTestId('revealed').count()).toBe(0);
    expect(await tab.content()).not.toContain(ingested);
    const denied = { ...granted, purpose: 'MARKETING', justification: pitch, outcome: 'DENIED' };
    // Both entries, in either order: the test's clock is fixed, so they carry the same time.
    const log = await logOf(t, spouse.oneId);
    expect(log).toHaveLength(2);
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining(granted), expect.objectContaining(denied)]));
    await tab.screenshot({ path: join(ARTIFACTS, 'reveal-refused.png') });

    // Closed and opened again: a fresh form, without the refusal or the justification.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await openReveal(tab, spouse);
    expect(await dialog.getByTestId('revealed').count()).toBe(0);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await expect(dialog.getByLabel('Justification', { exact: true }).inputValue()).resolves.toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(tabErrors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('an ADMIN picks the advisor, and the labels switch to Chinese', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.evaluate('sessionStorage.getItem("kingraph.token")')).toBeNull();
    await signIn(page, base, await t.token(ADMIN));
    await page.getByRole('link', { name: 'Work-list' }).click();
    await page.getByLabel('Advisor id').fill(family.advisorId);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/app/worklist/${encodeURIComponent(family.advisorId)}`);
    await page.locator('tr.work-item[data-kind="BIRTHDAY"]').waitFor();
    // Only one kind.
    await page.getByRole('checkbox', { name: 'Renewal' }).check();
    await page.getByText('0 items').waitFor();
    await page.getByRole('checkbox', { name: 'Renewal' }).uncheck();
    await page.locator('tr.work-item[data-kind="BIRTHDAY"]').waitFor();

    await page.getByTestId('language').selectOption('zh');
    await page.getByRole('heading', { name: `工作清单 · ${family.advisorId}` }).waitFor();
    await expect(page.locator('tr.work-item[data-kind="BIRTHDAY"] .kind').textContent()).resolves.toBe('生日');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await page.screenshot({ path: join(ARTIFACTS, 'worklist-zh.png'), fullPage: true });
    await page.getByTestId('language').selectOption('en');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a token the service refuses ends the session with a message', async () => {
    const other = await context.newPage();
    const otherErrors = watchErrors(other);
    await signIn(other, base, await t.token(advisor(uid('adv'))).then((tok) => `${tok.slice(0, -4)}AAAA`), true);
    await other.getByRole('alert').filter({ hasText: 'The service refused the token' }).waitFor();
    expect(await other.evaluate('sessionStorage.getItem("kingraph.token")')).toBeNull();
    // The refused request itself is the only console error (the browser logs the 401).
    expect(otherErrors.every((e) => e.includes('401'))).toBe(true);
    await other.close();
  }, 60_000);
});
