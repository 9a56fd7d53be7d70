import 'reflect-metadata';
import { parse, validate, specifiedRules } from 'graphql';
import { buildAppSchema } from '../../../src/graphql/schema';
const schema = buildAppSchema();
it('p', () => { for (const n of [500, 1000, 2000]) {
  const q = `query Long { person(oneId: "x") { ${Array.from({ length: n }, () => 'oneId').join(' ')} } }`;
  const doc = parse(q);
  let t = Date.now();
  validate(schema, doc, specifiedRules);
  console.log(n, 'validate ms', Date.now() - t);
  const q2 = `query Long { person(oneId: "x") { ${Array.from({ length: n }, (_, i) => i % 2 ? 'oneId' : 'displayName').join(' ')} } }`;
  t = Date.now(); validate(schema, parse(q2), specifiedRules); console.log(n, 'mixed ms', Date.now() - t);
  const q3 = `query Long { ${Array.from({ length: n }, (_, i) => `person(oneId: "x") { oneId }`).join(' ')} }`;
  t = Date.now(); validate(schema, parse(q3), specifiedRules); console.log(n, 'root dup ms', Date.now() - t);
}
});
