/** The wire shape of errors (src/graphql/errors.ts): codes kept, internals never sent, logs scrubbed. */
import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { AuthenticationError, AuthorizationError } from 'type-graphql';
import { badInput, forbidden } from '../../../src/errors';
import { makeFormatError, scrubMessage } from '../../../src/graphql/errors';
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
