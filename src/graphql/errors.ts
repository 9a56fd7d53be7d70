/**
 * One place that decides what an error looks like on the wire: domain errors keep their
 * code and message; authorization failures become UNAUTHENTICATED/FORBIDDEN; input
 * validation becomes BAD_USER_INPUT; anything unexpected is logged and answered as an
 * opaque INTERNAL_SERVER_ERROR, never with a stack trace.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { AppError } from '../errors';
import type { Logger } from '../logger';

const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
]);

/** Which configured limit an error reports (the env variable that sets it), for clients and operators. */
const LIMIT_MESSAGES: Array<[RegExp, string]> = [
  [/Query depth limit of \d+ exceeded/, 'MAX_QUERY_DEPTH'],
  [/Aliases limit of \d+ exceeded/, 'MAX_QUERY_ALIASES'],
  [/Directives limit of \d+ exceeded/, 'MAX_QUERY_DIRECTIVES'],
  [/Document contains more tha[nt] \d+ tokens/, 'MAX_QUERY_TOKENS'],
];

function limitOf(formatted: GraphQLFormattedError): string | undefined {
  const declared = formatted.extensions?.limit;
  if (typeof declared === 'string') return declared;
  return LIMIT_MESSAGES.find(([re]) => re.test(formatted.message))?.[1];
}

/**
 * An unexpected error's message may quote data (a driver error echoing a value): digit runs,
 * e-mail addresses and long opaque tokens are masked before the message is logged.
 */
export function scrubMessage(message: string): string {
  return message
    .slice(0, 500)
    .replace(/[^\s@"'`<>()]+@[^\s@"'`<>()]+/g, '[email]')
    .replace(/[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g, '[token]')
    .replace(/\+?\d[\d\s-]{5,}[\dXx]/g, '[number]');
}

export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...(original.details ?? {}) } };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } };
    }
    if (original instanceof AuthorizationError) {
      return { ...base, message: 'Not found or not allowed for this caller', extensions: { code: 'FORBIDDEN' } };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors as Array<{ property: string; constraints?: Record<string, string> }>;
      const details = (problems ?? []).map((p) => `${p.property}: ${Object.values(p.constraints ?? {}).join(', ')}`);
      return { ...base, message: `Invalid input: ${details.join('; ')}`, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      const limit = limitOf(formatted);
      const message = limit ? formatted.message.replace(/^Syntax Error: /, '') : formatted.message;
      return { message, locations: formatted.locations, path: formatted.path, extensions: limit ? { code, limit } : { code } };
    }
    const name = original instanceof Error ? original.name : typeof original;
    const message = original instanceof Error ? original.message : String(original);
    log.error({ err: { name, message: scrubMessage(message) } }, 'unexpected error');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
