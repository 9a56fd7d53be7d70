import {
  deriveRelatives,
  inverseRelation,
  kinshipOf,
  simplifyPath,
  type FamilyLink,
  type FamilyRelation,
  type Kinship,
} from '../../../src/family/kinship';

const S = 'SPOUSE' as const;
const P = 'PARENT' as const;
const C = 'CHILD' as const;
const B = 'SIBLING' as const; // B for brother/sister

describe('kinshipOf', () => {
  const table: Array<[FamilyRelation[], Kinship, string]> = [
    [[S], 'SPOUSE', 'spouse'],
    [[P], 'PARENT', 'parent'],
    [[C], 'CHILD', 'child'],
    [[B], 'SIBLING', 'sibling'],
    [[P, P], 'GRANDPARENT', 'parent of a parent'],
    [[C, C], 'GRANDCHILD', 'child of a child'],
    [[S, P], 'PARENT_IN_LAW', "spouse's parent"],
    [[C, S], 'CHILD_IN_LAW', "child's spouse"],
    [[S, B], 'SIBLING_IN_LAW', "spouse's sibling"],
    [[B, S], 'SIBLING_IN_LAW', "sibling's spouse"],
    [[P, B], 'AUNT_OR_UNCLE', "parent's sibling"],
    [[B, C], 'NIECE_OR_NEPHEW', "sibling's child"],
    [[P, B, C], 'COUSIN', "parent's sibling's child"],
    [[P, C], 'SIBLING', "parent's child without a SIBLING link"],
    [[P, S], 'PARENT', "parent's spouse (step-parent)"],
    [[S, C], 'CHILD', "spouse's child (step-child)"],
    [[B, B], 'SIBLING', "sibling's sibling"],
    [[B, P], 'PARENT', "sibling's parent"],
    [[C, B], 'CHILD', "child's sibling"],
    [[P, B, S], 'AUNT_OR_UNCLE', 'aunt or uncle by marriage'],
    [[S, B, C], 'NIECE_OR_NEPHEW', "spouse's sibling's child (by marriage)"],
    [[P, P, C], 'AUNT_OR_UNCLE', "grandparent's other child"],
    [[P, C, C], 'NIECE_OR_NEPHEW', "half/full sibling's child"],
    [[P, P, C, C], 'COUSIN', "grandparent's grandchild through another child"],
    [[S, P, C], 'SIBLING_IN_LAW', "spouse's parent's child"],
    [[P, P, S], 'GRANDPARENT', "grandparent's spouse"],
    [[S, C, C], 'GRANDCHILD', "spouse's grandchild"],
    [[C, P], 'OTHER', "child's other parent (not necessarily a spouse)"],
    [[P, P, P], 'OTHER', 'great-grandparent'],
    [[C, C, C], 'OTHER', 'great-grandchild'],
    [[S, P, P], 'OTHER', "spouse's grandparent"],
    [[C, S, P], 'OTHER', 'co-parent-in-law'],
    [[S, S], 'OTHER', "spouse's spouse"],
    [[P, B, C, C], 'OTHER', "cousin's child"],
    [[], 'OTHER', 'empty path'],
  ];

  it.each(table)('%j is %s (%s)', (path, kinship) => {
    expect(kinshipOf(path)).toBe(kinship);
  });

  it('does not modify the path it is given', () => {
    const path: FamilyRelation[] = [P, P, C];
    kinshipOf(path);
    expect(path).toEqual([P, P, C]);
  });

  it('simplifies leftmost first until nothing applies', () => {
    expect(simplifyPath([P, P, C, C])).toEqual([P, B, C]);
    expect(simplifyPath([B, B, B, P])).toEqual([P]);
  });

  const INVERSE: Record<Kinship, Kinship> = {
    SPOUSE: 'SPOUSE',
    PARENT: 'CHILD',
    CHILD: 'PARENT',
    SIBLING: 'SIBLING',
    GRANDPARENT: 'GRANDCHILD',
    GRANDCHILD: 'GRANDPARENT',
    PARENT_IN_LAW: 'CHILD_IN_LAW',
    CHILD_IN_LAW: 'PARENT_IN_LAW',
    SIBLING_IN_LAW: 'SIBLING_IN_LAW',
    AUNT_OR_UNCLE: 'NIECE_OR_NEPHEW',
    NIECE_OR_NEPHEW: 'AUNT_OR_UNCLE',
    COUSIN: 'COUSIN',
    OTHER: 'OTHER',
  };

  function allPaths(length: number): FamilyRelation[][] {
    if (length === 0) return [[]];
    return allPaths(length - 1).flatMap((p) => [S, P, C, B].map((r) => [...p, r]));
  }

  it('is symmetric: walking a path backwards gives the inverse kinship (every path up to 4 steps)', () => {
    const asymmetric: string[] = [];
    for (let n = 1; n <= 4; n++) {
      for (const path of allPaths(n)) {
        const back = [...path].reverse().map(inverseRelation);
        if (INVERSE[kinshipOf(path)] !== kinshipOf(back)) asymmetric.push(`${path.join(',')} / ${back.join(',')}`);
      }
    }
    expect(asymmetric).toEqual([]);
  });
});

describe('deriveRelatives', () => {
  /*
   *  greatGrandpa
   *       |
   *   grandpa == grandma
   *       |  \____________
   *      dad == mom       aunt == auntHusband
   *     /  \   /  \            |
   *   me    sister (child of    cousin
   *   ||     both, no SIBLING
   *  wife    link to me)
   *  |  \  \
   * kid  stepKid   (wife's child, not linked to me)
   *  wife's parent: fatherInLaw; wife's sibling: brotherInLaw
   */
  const family: FamilyLink[] = [
    { from: 'greatGrandpa', to: 'grandpa', relation: P },
    { from: 'grandpa', to: 'grandma', relation: S },
    { from: 'grandpa', to: 'dad', relation: P },
    { from: 'grandma', to: 'dad', relation: P },
    { from: 'grandpa', to: 'aunt', relation: P },
    { from: 'aunt', to: 'dad', relation: B },
    { from: 'auntHusband', to: 'aunt', relation: S },
    { from: 'aunt', to: 'cousin', relation: P },
    { from: 'dad', to: 'mom', relation: S },
    { from: 'dad', to: 'me', relation: P },
    { from: 'mom', to: 'me', relation: P },
    { from: 'dad', to: 'sister', relation: P },
    { from: 'mom', to: 'sister', relation: P },
    { from: 'wife', to: 'me', relation: S },
    { from: 'me', to: 'kid', relation: P },
    { from: 'kid', to: 'wife', relation: C }, // stored the other way round: kid is a child of wife
    { from: 'wife', to: 'stepKid', relation: P },
    { from: 'fatherInLaw', to: 'wife', relation: P },
    { from: 'brotherInLaw', to: 'wife', relation: B },
  ];

  const expected: Array<[string, Kinship, number, FamilyRelation[]]> = [
    ['dad', 'PARENT', 1, [P]],
    ['kid', 'CHILD', 1, [C]],
    ['mom', 'PARENT', 1, [P]],
    ['wife', 'SPOUSE', 1, [S]],
    ['aunt', 'AUNT_OR_UNCLE', 2, [P, B]],
    ['brotherInLaw', 'SIBLING_IN_LAW', 2, [S, B]],
    ['fatherInLaw', 'PARENT_IN_LAW', 2, [S, P]],
    ['grandma', 'GRANDPARENT', 2, [P, P]],
    ['grandpa', 'GRANDPARENT', 2, [P, P]],
    ['sister', 'SIBLING', 2, [P, C]],
    ['stepKid', 'CHILD', 2, [S, C]],
    ['auntHusband', 'AUNT_OR_UNCLE', 3, [P, B, S]],
    ['cousin', 'COUSIN', 3, [P, B, C]],
    ['greatGrandpa', 'OTHER', 3, [P, P, P]],
  ];

  it('finds every relative once at its shortest path, sorted by degree then OneID', () => {
    const relatives = deriveRelatives('me', family, 4);
    expect(relatives.map((r) => [r.oneId, r.kinship, r.degree, r.path])).toEqual(expected);
  });

  it.each([1, 2, 3])('stops at maxDegree %i', (maxDegree) => {
    const relatives = deriveRelatives('me', family, maxDegree);
    expect(relatives.map((r) => r.oneId)).toEqual(expected.filter(([, , d]) => d <= maxDegree).map(([id]) => id));
  });

  it('sees the family from another member', () => {
    const fromCousin = Object.fromEntries(deriveRelatives('cousin', family, 3).map((r) => [r.oneId, r.kinship]));
    expect(fromCousin).toMatchObject({
      aunt: 'PARENT',
      auntHusband: 'PARENT', // mother's spouse: counted as a parent (step-parent rule)
      dad: 'AUNT_OR_UNCLE',
      grandpa: 'GRANDPARENT',
      me: 'COUSIN',
      sister: 'COUSIN', // the shared child without a SIBLING link is a cousin too
    });
  });

  it('prefers a shortest path whose kinship is not OTHER over a lexicographically smaller one', () => {
    // z is the other parent of my child (CHILD, PARENT: OTHER) and my wife's sister (SPOUSE, SIBLING).
    const links: FamilyLink[] = [
      { from: 'me', to: 'kid', relation: P },
      { from: 'z', to: 'kid', relation: P },
      { from: 'me', to: 'wife', relation: S },
      { from: 'wife', to: 'z', relation: B },
    ];
    expect(deriveRelatives('me', links, 2).find((r) => r.oneId === 'z')).toEqual({
      oneId: 'z',
      kinship: 'SIBLING_IN_LAW',
      degree: 2,
      path: [S, B],
    });
  });

  it('breaks remaining ties lexicographically on the path', () => {
    // y is both my parent's sibling and my spouse's parent: "PARENT,SIBLING" < "SPOUSE,PARENT".
    const links: FamilyLink[] = [
      { from: 'mum', to: 'me', relation: P },
      { from: 'mum', to: 'y', relation: B },
      { from: 'me', to: 'wife', relation: S },
      { from: 'y', to: 'wife', relation: P },
    ];
    const y = deriveRelatives('me', links, 2).find((r) => r.oneId === 'y');
    expect(y).toEqual({ oneId: 'y', kinship: 'AUNT_OR_UNCLE', degree: 2, path: [P, B] });
    expect(deriveRelatives('me', [...links].reverse(), 2)).toEqual(deriveRelatives('me', links, 2));
  });

  it('ignores self-links and duplicate links, and knows nobody without links', () => {
    const links: FamilyLink[] = [
      { from: 'a', to: 'a', relation: S },
      { from: 'a', to: 'b', relation: S },
      { from: 'b', to: 'a', relation: S },
    ];
    expect(deriveRelatives('a', links, 1)).toEqual([{ oneId: 'b', kinship: 'SPOUSE', degree: 1, path: [S] }]);
    expect(deriveRelatives('nobody', links, 4)).toEqual([]);
  });

  it.each([0, 5, -1, 1.5, Number.NaN])('rejects maxDegree %p with a RangeError', (maxDegree) => {
    expect(() => deriveRelatives('me', family, maxDegree)).toThrow(RangeError);
  });
});
