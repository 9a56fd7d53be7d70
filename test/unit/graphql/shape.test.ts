/**
 * The pre-validation guard (src/graphql/shape.ts): documents whose graphql-js validation would
 * pin the CPU (repeated fields: OverlappingFieldsCanBeMerged is quadratic) are refused, the
 * worst documents it lets through validate quickly, and real client queries pass.
 */
import 'reflect-metadata';
import { parse, validate } from 'graphql';
import { loadConfig } from '../../../src/config/config';
import { checkQueryShape } from '../../../src/graphql/shape';
import { buildAppSchema } from '../../../src/server/schema';

const schema = buildAppSchema();
const { maxTokens, maxFields } = loadConfig({}).limits;
const check = (q: string): ReturnType<typeof checkQueryShape> => checkQueryShape(q, { maxTokens, maxFields });

/** Milliseconds graphql-js takes to validate `q` against the contract schema. */
function validationMs(q: string): number {
  const doc = parse(q, { maxTokens });
  const started = process.hrtime.bigint();
  validate(schema, doc);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const repeat = (n: number, s: (i: number) => string): string => Array.from({ length: n }, (_, i) => s(i)).join(' ');
/** `width` copies of the same field at every level, `depth` levels down. */
const nested = (width: number, depth: number): string => {
  let inner = 'oneId';
  for (let d = 0; d < depth; d += 1) inner = repeat(width, () => `relatives { person { ${inner} } }`);
  return `{ person(oneId: "x") { ${inner} } }`;
};

describe('query shape guard', () => {
  it('defaults: MAX_QUERY_TOKENS 5000, MAX_QUERY_FIELDS 1000', () => {
    expect([maxTokens, maxFields]).toEqual([5000, 1000]);
  });

  it.each([
    ['500 copies of one object field', `{ ${repeat(500, () => 'person(oneId: "x") { oneId }')} }`],
    ['2000 copies of one scalar field', `{ person(oneId: "x") { ${repeat(2000, () => 'oneId')} } }`],
    ['250 fragments selecting the same field', `{ ${repeat(250, (i) => `...F${i}`)} } ${repeat(250, (i) => `fragment F${i} on Query { person(oneId: "x") { oneId } }`)}`],
    ['an unused fragment full of repeats', `{ __typename } fragment X on Query { ${repeat(400, () => 'person(oneId: "x") { oneId }')} }`],
    ['binary repeats 8 levels deep', nested(2, 8)],
    ['more than MAX_QUERY_FIELDS distinct aliases', `{ ${repeat(1001, (i) => `a${i}: __typename`)} }`],
  ])('refuses %s (MAX_QUERY_FIELDS)', (_label, q) => {
    expect(check(q)).toEqual({ limit: 'MAX_QUERY_FIELDS', message: expect.any(String) });
  });

  it('lets real client queries through, fragments overlapping included', () => {
    const fragments = `
      fragment Card on Person { oneId displayName age identifiers { masked type } household { id name } }
      fragment Money on Person { oneId annualIncome policies { policyNo sumAssured insured { oneId } } household { id totalGap } }
      fragment Gaps on Person { oneId coverageGaps { productType gap priority person { oneId } } household { id } }`;
    const q = `query Family($id: ID!) { household(id: $id) { id name advisor { advisorId }
      members { role person { ...Card ...Money ...Gaps relatives { kinship person { ...Card } } } }
      relationships { from { ...Card } to { ...Card } relation } policies { policyNo holder { ...Card } insured { ...Card } }
      coverageGaps { gap person { ...Card } } totalGap } } ${fragments}`;
    expect(check(q)).toBeNull();
    expect(validate(schema, parse(q))).toEqual([]);
    expect(check(`{ ${repeat(30, (i) => `a${i}: person(oneId: "x") { oneId displayName gender identifiers { type masked shared } devices { masked } }`)} }`)).toBeNull();
  });

  it('leaves documents that do not parse, and non-strings, to Apollo', () => {
    expect(check('{ person(')).toBeNull();
    expect(checkQueryShape(undefined, { maxTokens, maxFields })).toBeNull();
    expect(checkQueryShape(['{ a }'], { maxTokens, maxFields })).toBeNull();
  });

  it('the worst documents it lets through validate in well under a second', () => {
    // Just under the budget in each shape the guard measures.
    const candidates = [
      `{ ${repeat(30, () => 'person(oneId: "x") { oneId }')} }`,
      `{ person(oneId: "x") { ${repeat(30, () => 'oneId')} } }`,
      nested(2, 4),
      nested(3, 3),
      `{ ${repeat(30, (i) => `...F${i}`)} } ${repeat(30, (i) => `fragment F${i} on Query { person(oneId: "x") { oneId } }`)}`,
    ].filter((q) => check(q) === null);
    expect(candidates.length).toBeGreaterThanOrEqual(3);
    // (The refused documents above take seconds to tens of seconds; generous bound for loaded CI machines.)
    for (const q of candidates) expect(validationMs(q)).toBeLessThan(1000);
  });

  it('refuses faster than graphql-js would validate the same document', () => {
    const evil = `{ ${repeat(500, () => 'person(oneId: "x") { oneId }')} }`;
    const started = process.hrtime.bigint();
    expect(check(evil)).not.toBeNull();
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });
});
