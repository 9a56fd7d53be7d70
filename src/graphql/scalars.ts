/** The contract's two scalars. Values travel through services as ISO strings. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate, normalizeIsoDateTime } from '../calendar/calendar';

function bad(name: string, message: string): GraphQLError {
  return new GraphQLError(`${name}: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Parse an ISO-8601 date-time with offset to a normalized UTC ISO string; an impossible one (30 February, 24:00) is refused. */
export function parseDateTime(value: unknown): string {
  const normalized = typeof value === 'string' ? normalizeIsoDateTime(value) : null;
  if (normalized === null) throw bad('DateTime', 'expected a real ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z');
  return normalized;
}

/** Validate a calendar date YYYY-MM-DD (real day, e.g. 1988-02-29 ok, 1989-02-29 not). */
export function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw bad('Date', 'expected a real ISO-8601 calendar date, e.g. 1988-02-29');
  return value;
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
