/** Family links (linkFamily / unlinkFamily) and kinship derived from them (Person.relatives). */
import { advisor, codeOf, customer, email, graph, LINK, link, newHousehold, phone, ref, TestApp, TestPerson, uid, UNLINK, useTestApp } from '../../kit';
import { newPerson } from './support';

const t = useTestApp();
const g = graph(t);

const RELATIVES = `query R($oneId: ID!, $maxDegree: Int) {
  person(oneId: $oneId) { relatives(maxDegree: $maxDegree) { person { oneId } kinship degree path } }
}`;
const RELATIVES_DEFAULT = `query R($oneId: ID!) { person(oneId: $oneId) { relatives { person { oneId } kinship degree } } }`;
const RESOLVE = `query R($identifier: IdentifierInput!) { resolveIdentity(identifier: $identifier) { oneId } }`;

interface RelativeData {
  person: { oneId: string };
  kinship: string;
  degree: number;
  path: string[];
}

async function relatives(oneId: string, maxDegree?: number, caller = undefined as Parameters<TestApp['ok']>[2]): Promise<RelativeData[]> {
  const data = await t.ok<{ person: { relatives: RelativeData[] } }>(RELATIVES, { oneId, maxDegree }, caller);
  return data.person.relatives;
}

const linkInput = (from: string, relation: string, to: string) => ({ input: { from: ref(from), to: ref(to), relation } });

describe('linkFamily', () => {
  it('stores CHILD as the parent PARENT_OF the child and answers the edge as asked', async () => {
    const [kid, mum] = await Promise.all([newPerson(t), newPerson(t)]);
    const res = await t.ok<{ linkFamily: unknown }>(LINK, linkInput(kid.oneId, 'CHILD', mum.oneId));
    expect(res.linkFamily).toEqual({ from: { oneId: kid.oneId }, to: { oneId: mum.oneId }, relation: 'CHILD' });
    expect(await g.countLinks(mum.oneId, 'PARENT_OF', kid.oneId)).toBe(1);
    expect(await g.countLinks(kid.oneId, 'PARENT_OF', mum.oneId)).toBe(0);
    expect((await relatives(kid.oneId, 1)).map((r) => [r.person.oneId, r.kinship])).toEqual([[mum.oneId, 'PARENT']]);
    expect((await relatives(mum.oneId, 1)).map((r) => [r.person.oneId, r.kinship])).toEqual([[kid.oneId, 'CHILD']]);
  });

  it('is idempotent: the same pair twice keeps one link, SPOUSE and SIBLING in either direction', async () => {
    const [a, b, c] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    await link(t, a.oneId, 'SPOUSE', b.oneId);
    await link(t, b.oneId, 'SPOUSE', a.oneId);
    await link(t, a.oneId, 'SPOUSE', b.oneId);
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', b.oneId, true)).toBe(1);
    await link(t, c.oneId, 'SIBLING', b.oneId);
    await link(t, b.oneId, 'SIBLING', c.oneId);
    expect(await g.countLinks(b.oneId, 'SIBLING_OF', c.oneId, true)).toBe(1);
    await link(t, a.oneId, 'PARENT', c.oneId);
    await link(t, c.oneId, 'CHILD', a.oneId);
    expect(await g.countLinks(a.oneId, 'PARENT_OF', c.oneId)).toBe(1);
  });

  it('links people given by identifiers, creating the person an unknown identifier refers to', async () => {
    const mum = await newPerson(t);
    const babyPhone = phone();
    const res = await t.ok<{ linkFamily: { from: { oneId: string }; to: { oneId: string } } }>(LINK, {
      input: { from: { identifier: mum.phone }, to: { identifier: babyPhone }, relation: 'PARENT' },
    });
    const baby = (await t.ok<{ resolveIdentity: { oneId: string } }>(RESOLVE, { identifier: babyPhone })).resolveIdentity;
    expect(res.linkFamily.from.oneId).toBe(mum.oneId);
    expect(res.linkFamily.to.oneId).toBe(baby.oneId);
    expect(await g.countLinks(mum.oneId, 'PARENT_OF', baby.oneId)).toBe(1);
  });

  it('refuses a link to oneself, also through two identifiers of one person, writing nothing', async () => {
    const mail = email();
    const a = await newPerson(t, {}, [mail]);
    for (const input of [
      { from: ref(a.oneId), to: ref(a.oneId), relation: 'SPOUSE' },
      { from: { identifier: a.phone }, to: { identifier: mail }, relation: 'PARENT' },
      { from: ref(a.oneId), to: { identifier: mail }, relation: 'SIBLING' },
    ]) {
      const res = await t.gql(LINK, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(/itself/);
    }
    const fresh = phone();
    expect(codeOf(await t.gql(LINK, { input: { from: { identifier: fresh }, to: { identifier: fresh }, relation: 'SPOUSE' } }))).toBe('BAD_USER_INPUT');
    expect((await t.ok<{ resolveIdentity: unknown }>(RESOLVE, { identifier: fresh })).resolveIdentity).toBeNull();
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', a.oneId)).toBe(0);
  });

  it('refuses a parent link that would make someone their own ancestor', async () => {
    const [a, b, c] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    await link(t, a.oneId, 'PARENT', b.oneId);
    await link(t, b.oneId, 'PARENT', c.oneId);
    const closing = await t.gql(LINK, linkInput(c.oneId, 'PARENT', a.oneId));
    expect(codeOf(closing)).toBe('BAD_USER_INPUT');
    expect(closing.errors![0]!.message).toMatch(/own ancestor/);
    expect(codeOf(await t.gql(LINK, linkInput(a.oneId, 'CHILD', c.oneId)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(LINK, linkInput(b.oneId, 'PARENT', a.oneId)))).toBe('BAD_USER_INPUT');
    expect(await g.countLinks(c.oneId, 'PARENT_OF', a.oneId)).toBe(0);
    expect(await g.countLinks(b.oneId, 'PARENT_OF', a.oneId)).toBe(0);
  });

  it('refuses a parent born after the child when both dates are known', async () => {
    const [parent, child, undated] = await Promise.all([
      newPerson(t, { birthDate: '1995-04-01' }),
      newPerson(t, { birthDate: '1990-01-01' }),
      newPerson(t),
    ]);
    const res = await t.gql(LINK, linkInput(parent.oneId, 'PARENT', child.oneId));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/born before/);
    expect(await g.countLinks(parent.oneId, 'PARENT_OF', child.oneId)).toBe(0);
    await link(t, child.oneId, 'PARENT', parent.oneId);
    await link(t, undated.oneId, 'PARENT', child.oneId);
    expect(await g.countLinks(undated.oneId, 'PARENT_OF', child.oneId)).toBe(1);
  });

  it('refuses a third parent; linking an existing parent again is fine', async () => {
    const [kid, p1, p2, p3] = await Promise.all([newPerson(t), newPerson(t), newPerson(t), newPerson(t)]);
    await link(t, p1.oneId, 'PARENT', kid.oneId);
    await link(t, kid.oneId, 'CHILD', p2.oneId);
    const res = await t.gql(LINK, linkInput(p3.oneId, 'PARENT', kid.oneId));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/two parents/);
    await link(t, p1.oneId, 'PARENT', kid.oneId);
    expect((await relatives(kid.oneId, 1)).map((r) => r.person.oneId).sort()).toEqual([p1.oneId, p2.oneId].sort());
  });

  it('answers NOT_FOUND for an unknown OneID and is for ADMIN and INGEST only', async () => {
    const a = await newPerson(t);
    expect(codeOf(await t.gql(LINK, linkInput(a.oneId, 'SPOUSE', uid('nobody'))))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(LINK, { input: { from: { oneId: a.oneId, identifier: a.phone }, to: ref(a.oneId), relation: 'SPOUSE' } }))).toBe('BAD_USER_INPUT');
    const b = await newPerson(t);
    expect(codeOf(await t.gql(LINK, linkInput(a.oneId, 'SPOUSE', b.oneId), customer(a.oneId)))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(LINK, linkInput(a.oneId, 'SPOUSE', b.oneId), advisor('adv-x')))).toBe('FORBIDDEN');
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', b.oneId, true)).toBe(0);
  });
});

describe('unlinkFamily', () => {
  it('removes the stored link whatever the direction asked; false when there is none', async () => {
    const [a, b, kid] = await Promise.all([newPerson(t), newPerson(t), newPerson(t)]);
    await link(t, a.oneId, 'SPOUSE', b.oneId);
    await link(t, a.oneId, 'PARENT', kid.oneId);
    expect((await t.ok<{ unlinkFamily: boolean }>(UNLINK, linkInput(b.oneId, 'SPOUSE', a.oneId))).unlinkFamily).toBe(true);
    expect((await t.ok<{ unlinkFamily: boolean }>(UNLINK, linkInput(b.oneId, 'SPOUSE', a.oneId))).unlinkFamily).toBe(false);
    expect(await g.countLinks(a.oneId, 'SPOUSE_OF', b.oneId, true)).toBe(0);
    expect((await t.ok<{ unlinkFamily: boolean }>(UNLINK, linkInput(a.oneId, 'CHILD', kid.oneId))).unlinkFamily).toBe(false);
    expect(await g.countLinks(a.oneId, 'PARENT_OF', kid.oneId)).toBe(1);
    expect((await t.ok<{ unlinkFamily: boolean }>(UNLINK, linkInput(kid.oneId, 'CHILD', a.oneId))).unlinkFamily).toBe(true);
    expect(await g.countLinks(a.oneId, 'PARENT_OF', kid.oneId)).toBe(0);
  });

  it('does not create the person of an unknown identifier; an unknown OneID is NOT_FOUND', async () => {
    const a = await newPerson(t);
    const stranger = phone();
    const res = await t.ok<{ unlinkFamily: boolean }>(UNLINK, { input: { from: ref(a.oneId), to: { identifier: stranger }, relation: 'SPOUSE' } });
    expect(res.unlinkFamily).toBe(false);
    expect((await t.ok<{ resolveIdentity: unknown }>(RESOLVE, { identifier: stranger })).resolveIdentity).toBeNull();
    expect(codeOf(await t.gql(UNLINK, linkInput(a.oneId, 'SPOUSE', uid('nobody'))))).toBe('NOT_FOUND');
  });
});

describe('relatives', () => {
  /**
   *   gpa = gma          mgpa
   *      |     \           |
   *     dad     aunt      mum        fil
   *      |  = mum |         ...       |
   *   me, sib   cousin = cwife      wife = me
   *   |
   *   kid
   */
  let f: Record<'me' | 'dad' | 'mum' | 'sib' | 'gpa' | 'gma' | 'mgpa' | 'aunt' | 'cousin' | 'cwife' | 'wife' | 'fil' | 'kid', TestPerson>;
  beforeAll(async () => {
    const names = ['me', 'dad', 'mum', 'sib', 'gpa', 'gma', 'mgpa', 'aunt', 'cousin', 'cwife', 'wife', 'fil', 'kid'] as const;
    const people = await Promise.all(names.map(() => newPerson(t)));
    f = Object.fromEntries(names.map((n, i) => [n, people[i]])) as typeof f;
    const id = (n: keyof typeof f) => f[n].oneId;
    await link(t, id('gpa'), 'SPOUSE', id('gma'));
    await link(t, id('gpa'), 'PARENT', id('dad'));
    await link(t, id('gma'), 'PARENT', id('dad'));
    await link(t, id('aunt'), 'CHILD', id('gpa'));
    await link(t, id('aunt'), 'PARENT', id('cousin'));
    await link(t, id('cousin'), 'SPOUSE', id('cwife'));
    await link(t, id('mgpa'), 'PARENT', id('mum'));
    await link(t, id('dad'), 'SPOUSE', id('mum'));
    for (const child of ['me', 'sib'] as const) {
      await link(t, id('dad'), 'PARENT', id(child));
      await link(t, id(child), 'CHILD', id('mum'));
    }
    await link(t, id('wife'), 'SPOUSE', id('me'));
    await link(t, id('fil'), 'PARENT', id('wife'));
    await link(t, id('me'), 'PARENT', id('kid'));
  });

  const view = (rs: RelativeData[]) =>
    Object.fromEntries(rs.map((r) => [Object.entries(f).find(([, p]) => p.oneId === r.person.oneId)?.[0] ?? r.person.oneId, `${r.kinship}/${r.degree}/${r.path.join(',')}`]));

  it('names each relative once, on its shortest path, within maxDegree (default 2)', async () => {
    const two = await relatives(f.me.oneId, 2);
    expect(view(two)).toEqual({
      dad: 'PARENT/1/PARENT',
      mum: 'PARENT/1/PARENT',
      wife: 'SPOUSE/1/SPOUSE',
      kid: 'CHILD/1/CHILD',
      sib: 'SIBLING/2/PARENT,CHILD',
      gpa: 'GRANDPARENT/2/PARENT,PARENT',
      gma: 'GRANDPARENT/2/PARENT,PARENT',
      mgpa: 'GRANDPARENT/2/PARENT,PARENT',
      fil: 'PARENT_IN_LAW/2/SPOUSE,PARENT',
    });
    expect(new Set(two.map((r) => r.person.oneId)).size).toBe(two.length);
    const byDefault = await t.ok<{ person: { relatives: unknown[] } }>(RELATIVES_DEFAULT, { oneId: f.me.oneId });
    expect(byDefault.person.relatives).toHaveLength(two.length);
  });

  it('reaches aunts and cousins further out, and sees kinship from the other side', async () => {
    const four = view(await relatives(f.me.oneId, 4));
    expect(four.aunt).toBe('AUNT_OR_UNCLE/3/PARENT,PARENT,CHILD');
    expect(four.cousin).toBe('COUSIN/4/PARENT,PARENT,CHILD,CHILD');
    expect(Object.keys(four)).toHaveLength(11);
    const fromCousin = view(await relatives(f.cousin.oneId, 4));
    expect(fromCousin.me).toBe('COUSIN/4/PARENT,PARENT,CHILD,CHILD');
    expect(fromCousin.gpa).toBe('GRANDPARENT/2/PARENT,PARENT');
    const fromFil = view(await relatives(f.fil.oneId, 2));
    expect(fromFil).toEqual({ wife: 'CHILD/1/CHILD', me: 'CHILD_IN_LAW/2/CHILD,SPOUSE' });
    const fromKid = view(await relatives(f.kid.oneId, 1));
    expect(fromKid).toEqual({ me: 'PARENT/1/PARENT' });
  });

  it('refuses maxDegree outside 1..4', async () => {
    for (const maxDegree of [0, 5, -1]) {
      const res = await t.gql(RELATIVES, { oneId: f.me.oneId, maxDegree });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
  });

  it("shows a customer its relatives' relatives only within its scope, and an advisor only its households' people", async () => {
    const asMe = await relatives(f.me.oneId, 2, customer(f.me.oneId));
    expect(asMe).toHaveLength(9);
    // The cousin is 4 links from me; of its relatives within 2, its wife is 5 links from me: not mine to see.
    expect(Object.keys(view(await relatives(f.cousin.oneId, 2))).sort()).toEqual(['aunt', 'cwife', 'gpa']);
    const cousinsKin = view(await relatives(f.cousin.oneId, 2, customer(f.me.oneId)));
    expect(Object.keys(cousinsKin).sort()).toEqual(['aunt', 'gpa']);
    const advisorId = uid('adv');
    await newHousehold(t, [[f.dad.oneId, 'BREADWINNER'], [f.mum.oneId, 'SPOUSE'], [f.sib.oneId, 'CHILD']], { advisorId });
    const asAdvisor = view(await relatives(f.dad.oneId, 2, advisor(advisorId)));
    expect(asAdvisor).toEqual({ mum: 'SPOUSE/1/SPOUSE', sib: 'CHILD/1/CHILD' });
  });
});
