import { pickSurvivorComponent, splitComponents } from '../../../src/identity/planner';

describe('splitComponents', () => {
  it('removes every link touching the removed key and returns the connected pieces', () => {
    const links = [
      { a: 'a', b: 'b' },
      { a: 'b', b: 'c' },
      { a: 'c', b: 'd' },
    ];
    expect(splitComponents(['a', 'b', 'c', 'd'], links, 'b')).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('keeps a piece together when other evidence still ties it', () => {
    const links = [
      { a: 'a', b: 'b' },
      { a: 'b', b: 'c' },
      { a: 'a', b: 'c' },
    ];
    expect(splitComponents(['a', 'b', 'c'], links, 'b')).toEqual([['a', 'c'], ['b']]);
  });

  it('ignores blocked links and links to keys outside the person', () => {
    const links = [
      { a: 'a', b: 'c', blocked: true },
      { a: 'a', b: 'x' },
      { a: 'x', b: 'c' },
      { a: 'c', b: 'd', blocked: false },
    ];
    expect(splitComponents(['a', 'b', 'c', 'd'], links, 'b')).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('a person without links splits into singletons', () => {
    expect(splitComponents(['a', 'b'], [], 'a')).toEqual([['a'], ['b']]);
  });
});

describe('pickSurvivorComponent', () => {
  const seen = new Map([
    ['a', '2024-03-01T00:00:00Z'],
    ['b', '2020-01-01T00:00:00Z'],
    ['c', '2023-01-01T00:00:00+08:00'],
    ['d', '2022-12-31T17:00:00Z'], // same instant as c
  ]);

  it('picks the piece holding the oldest identifier, never the removed one', () => {
    expect(pickSurvivorComponent([['a'], ['b'], ['c']], seen, 'b')).toBe(2);
    expect(pickSurvivorComponent([['a'], ['c'], ['b']], seen, 'x')).toBe(2);
  });

  it('breaks a tie on the identifier key', () => {
    expect(pickSurvivorComponent([['d'], ['c']], seen, 'b')).toBe(1);
  });

  it('treats an unknown firstSeenAt as newest', () => {
    expect(pickSurvivorComponent([['zz'], ['a']], seen, 'b')).toBe(1);
  });

  it('returns -1 when only the removed piece is left', () => {
    expect(pickSurvivorComponent([['b']], seen, 'b')).toBe(-1);
    expect(pickSurvivorComponent([], seen, 'b')).toBe(-1);
  });
});
