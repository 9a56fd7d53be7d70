import fc from 'fast-check';
import { decodeCursor, encodeCursor, InvalidCursorError, type RankPosition } from '../../../src/coverage/cursor';

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

describe('cursor encoding', () => {
  it.each([
    { score: 0, householdId: 'h1' },
    { score: 73.1234, householdId: 'hh-000042' },
    { score: 1e6, householdId: '家庭-"quoted"\\' },
    { score: -1.5, householdId: ' ' },
  ])('round-trips %j', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('round-trips any finite score and non-empty id', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ minLength: 1 }), (score, householdId) => {
        const position = { score: Object.is(score, -0) ? 0 : score, householdId };
        expect(decodeCursor(encodeCursor(position))).toEqual(position);
      }),
    );
  });

  it('is stable: the same position always gives the same cursor', () => {
    expect(encodeCursor({ score: 12.5, householdId: 'h' })).toBe(encodeCursor({ householdId: 'h', score: 12.5 }));
  });

  it('refuses a non-finite score', () => {
    expect(() => encodeCursor({ score: Number.POSITIVE_INFINITY, householdId: 'h' })).toThrow(RangeError);
  });

  const good = encodeCursor({ score: 61.2345, householdId: 'household-7' });
  const flip = (c: string, i: number): string => c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1);

  it.each([
    ['empty', ''],
    ['truncated', good.slice(0, -3)],
    ['first character changed', flip(good, 0)],
    ['padded', `${good}=`],
    ['standard base64 characters', `${good}+/`],
    ['not base64 at all', 'page-2!'],
    ['way too long', 'A'.repeat(5000)],
    ['JSON that is not an object', b64('[61.2,"h"]')],
    ['score as a string', b64('{"s":"61","id":"h"}')],
    ['missing id', b64('{"s":61}')],
    ['empty id', b64('{"s":61,"id":""}')],
    ['extra field', b64('{"s":61,"id":"h","admin":true}')],
    ['fields swapped', b64('{"id":"h","s":61}')],
    ['spaces in the JSON', b64('{"s": 61, "id": "h"}')],
    ['null', b64('null')],
  ])('rejects a cursor that is %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
  });

  it('rejects every single-character edit that changes what the cursor says', () => {
    for (let i = 0; i < good.length; i++) {
      const edited = flip(good, i);
      let decoded: RankPosition | null = null;
      try {
        decoded = decodeCursor(edited);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidCursorError);
        expect((error as InvalidCursorError).code).toBe('INVALID_CURSOR');
      }
      // an edit that still decodes must be a well-formed position of its own
      if (decoded !== null) expect(encodeCursor(decoded)).toBe(edited);
    }
  });
});
