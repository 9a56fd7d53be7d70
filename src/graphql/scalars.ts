/** The contract's two scalars. Values travel through services as ISO strings. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function bad(name: string, message: string): GraphQLError {
  return new GraphQLError(`${name}: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Parse an ISO-8601 date-time with offset to a normalized UTC ISO string. */
export function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) {
    throw bad('DateTime', 'expected an ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z');
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw bad('DateTime', 'not a real date-time');
  return new Date(ms).toISOString();
}

/** Validate a calendar date YYYY-MM-DD (real day, e.g. 1988-02-29 ok, 1989-02-29 not). */
export function parseDate(value: unknown): string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) throw bad('Date', 'expected an ISO-8601 calendar date, e.g. 1988-02-29');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw bad('Date', 'not a real calendar date');
  }
  return value as string;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw bad('DateTime', 'expected a string');
    return parseDateTime(ast.value);
  },
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO-8601 calendar date, e.g. 1988-02-29',
  serialize: (v) => String(v).slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw bad('Date', 'expected a string');
    return parseDate(ast.value);
  },
});
