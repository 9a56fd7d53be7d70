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

/**
 * graphql-js quotes the offending value when it refuses a variable or an inline argument
 * ('Variable "$events" got invalid value "13800138000" at ...; String cannot represent ...').
 * That value may be a raw identifier, so such messages are rebuilt from their safe parts: the
 * variable, the path and a reason that names types and fields but never the value.
 */
export function withoutQuotedValues(message: string): string {
  const variable = /^Variable "\$([A-Za-z_]\w*)" got invalid value /.exec(message);
  if (variable) {
    const name = variable[1];
    const at = new RegExp(` at "(${name}(?:\\[\\d+\\]|\\.[A-Za-z_]\\w*)*)"; `, 'g');
    let last: RegExpExecArray | null = null;
    for (let m = at.exec(message); m; m = at.exec(message)) last = m;
    const reason = last ? message.slice(last.index + last[0].length) : message.slice(message.indexOf('; ') + 2);
    return `Variable "$${name}" got an invalid value${last ? ` at "${last[1]}"` : ''}; ${safeReason(reason)}`;
  }
  const literal = /^Expected value of type "([^"]+)", found [\s\S]*?(?:; ([\s\S]*)|\.)$/.exec(message);
  if (literal) return `Expected value of type "${literal[1]}"${literal[2] ? `; ${safeReason(literal[2])}` : ', found an invalid value.'}`;
  if (/^(?:Value [\s\S]* does not exist in "[^"]+" enum|Enum "[^"]+" cannot represent|\w+ cannot represent)/.test(message)) return safeReason(message);
  return message;
}

/** The reason of a refused value, with the value left out. */
function safeReason(reason: string): string {
  const keep = [
    /^Field "[A-Za-z_]\w*" of required type "[^"]+" was not provided\.$/,
    /^Field "[A-Za-z_]\w*" is not defined by type "[A-Za-z_]\w*"\.(?: Did you mean [^;]*\?)?$/,
    /^Expected type "[^"]+" to be an object\.$/,
    /^Expected non-nullable type "[^"]+" not to be null\.$/,
    /^(?:Date|DateTime): expected [^;]*$/,
  ];
  if (keep.some((re) => re.test(reason))) return reason;
  const enumName = /does not exist in "([A-Za-z_]\w*)" enum|^Enum "([A-Za-z_]\w*)" cannot represent/.exec(reason);
  if (enumName) return `Not a value of enum "${enumName[1] ?? enumName[2]}".`;
  const scalar = /^([A-Za-z_]\w*) cannot represent/.exec(reason);
  if (scalar) return `Not a valid ${scalar[1]}${scalar[1] === 'Int' ? ' (a 32-bit signed integer)' : ''}.`;
  return 'Invalid value.';
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
      const message = limit ? formatted.message.replace(/^Syntax Error: /, '') : withoutQuotedValues(formatted.message);
      return { message, locations: formatted.locations, path: formatted.path, extensions: limit ? { code, limit } : { code } };
    }
    const name = original instanceof Error ? original.name : typeof original;
    const message = original instanceof Error ? original.message : String(original);
    log.error({ err: { name, message: scrubMessage(message) } }, 'unexpected error');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
