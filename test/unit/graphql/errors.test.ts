/** The wire shape of errors (src/graphql/errors.ts): codes kept, internals never sent, logs scrubbed. */
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { AuthenticationError, AuthorizationError } from 'type-graphql';
import { badInput, forbidden } from '../../../src/errors';
import { makeFormatError, scrubMessage, withoutQuotedValues } from '../../../src/graphql/errors';
import { createLogger } from '../../../src/logger';

function setup(): { format: ReturnType<typeof makeFormatError>; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { format: makeFormatError(createLogger('info', sink)), lines };
}

describe('formatError', () => {
  it('answers an unexpected error as an opaque INTERNAL_SERVER_ERROR and logs it without data', () => {
    const { format, lines } = setup();
    const err = new Error('Neo4jError: constraint violated for value 13912345678 and a.b@kgmail.cn');
    const out = format({ message: err.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x.ts:1'] } }, err);
    expect(out).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, locations: undefined, path: undefined });
    expect(lines.join('')).toMatch(/unexpected error/);
    expect(lines.join('')).not.toMatch(/13912345678|kgmail/);
  });

  it('keeps domain codes, messages and details; maps type-graphql auth errors', () => {
    const { format } = setup();
    expect(format({ message: 'x' }, badInput('bad', { invalidEvents: [1] }))).toMatchObject({ message: 'bad', extensions: { code: 'BAD_USER_INPUT', invalidEvents: [1] } });
    expect(format({ message: 'x' }, forbidden())).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(format({ message: 'x' }, new AuthenticationError())).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(format({ message: 'x' }, new AuthorizationError())).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('names the limit of query-shape refusals and drops the misleading "Syntax Error" prefix', () => {
    const { format } = setup();
    const depth = format({ message: 'Syntax Error: Query depth limit of 12 exceeded, found 20.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } }, new GraphQLError('x'));
    expect(depth).toMatchObject({ message: 'Query depth limit of 12 exceeded, found 20.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_DEPTH' } });
    const aliases = format({ message: 'Syntax Error: Aliases limit of 30 exceeded, found 100.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError('x'));
    expect(aliases.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_ALIASES' });
    const other = format({ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new GraphQLError('x'));
    expect(other.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('scrubMessage', () => {
  it('masks numbers, e-mails and tokens, and bounds the length', () => {
    expect(scrubMessage('phone +86 139-1234-5678 id 11010519491231002X mail Foo.Bar@kgmail.cn')).toBe('phone [number] id [number] mail [email]');
    expect(scrubMessage('token eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiQURNSU4ifQ.abcdefghijklmnop')).toBe('token [token]');
    expect(scrubMessage('x'.repeat(2000)).length).toBe(500);
    expect(scrubMessage('Connection refused to 127.0.0.1:7687')).toBe('Connection refused to 127.0.0.1:7687');
  });
});

describe('withoutQuotedValues: refused values are never quoted back', () => {
  const cases: Array<[string, string]> = [
    [
      'Variable "$events" got invalid value 15977590068 at "events[0].identifiers[0].value"; String cannot represent a non string value: 15977590068',
      'Variable "$events" got an invalid value at "events[0].identifiers[0].value"; Not a valid String.',
    ],
    [
      'Variable "$events" got invalid value { value: "18782081347" } at "events[0].identifiers[0]"; Field "type" of required type "IdentifierType!" was not provided.',
      'Variable "$events" got an invalid value at "events[0].identifiers[0]"; Field "type" of required type "IdentifierType!" was not provided.',
    ],
    [
      'Variable "$events" got invalid value { type: "PHONE", value: "18220849177", extra: 1 } at "events[0].identifiers[0]"; Field "extra" is not defined by type "IdentifierInput".',
      'Variable "$events" got an invalid value at "events[0].identifiers[0]"; Field "extra" is not defined by type "IdentifierInput".',
    ],
    [
      'Variable "$events" got invalid value "13800138000; x" at "events[0].identifiers[0].type"; Value "13800138000; x" does not exist in "IdentifierType" enum.',
      'Variable "$events" got an invalid value at "events[0].identifiers[0].type"; Not a value of enum "IdentifierType".',
    ],
    ['Variable "$i" got invalid value "13800138000"; Expected type "IdentifierInput" to be an object.', 'Variable "$i" got an invalid value; Expected type "IdentifierInput" to be an object.'],
    [
      'Variable "$a" got invalid value 2147483648 at "a.annualIncome"; Int cannot represent non 32-bit signed integer value: 2147483648',
      'Variable "$a" got an invalid value at "a.annualIncome"; Not a valid Int (a 32-bit signed integer).',
    ],
    [
      'Variable "$events" got invalid value "2024-02-30T00:00:00Z" at "events[0].observedAt"; DateTime: expected a real ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z',
      'Variable "$events" got an invalid value at "events[0].observedAt"; DateTime: expected a real ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z',
    ],
    ['Expected value of type "String!", found 13800138000; String cannot represent a non string value: 13800138000', 'Expected value of type "String!"; Not a valid String.'],
    ['Expected value of type "IdentifierType!", found FAX13800138000.', 'Expected value of type "IdentifierType!", found an invalid value.'],
    ['Value "13800138000" does not exist in "IdentifierType" enum.', 'Not a value of enum "IdentifierType".'],
    ['Cannot query field "nope" on type "Person".', 'Cannot query field "nope" on type "Person".'],
  ];
  it.each(cases)('%s', (message, expected) => {
    expect(withoutQuotedValues(message)).toBe(expected);
  });

  it('is what a BAD_USER_INPUT from graphql-js looks like on the wire', () => {
    const { format } = setup();
    const message = 'Variable "$i" got invalid value 13900001111 at "i.value"; String cannot represent a non string value: 13900001111';
    const out = format({ message, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(message));
    expect(out.message).toBe('Variable "$i" got an invalid value at "i.value"; Not a valid String.');
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});
