/**
 * Domain errors: thrown by services, free of GraphQL. The GraphQL layer turns each into
 * an error whose `extensions.code` is the code below; anything else becomes an opaque
 * INTERNAL_SERVER_ERROR.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE' | 'CONSENT_REQUIRED';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('BAD_USER_INPUT', message, details);

/** Unknown and out-of-scope ids answer the same error, never a hint that something exists. */
/** The database cannot be reached: safe to retry (every write is one transaction, all or nothing). */
export const serviceUnavailable = (): AppError =>
  new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable: retry later (safe to retry: nothing was written)');

export const forbidden = (): AppError => new AppError('FORBIDDEN', 'Not found or not allowed for this caller');

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`);

export const unauthenticated = (message = 'A valid bearer token is required'): AppError =>
  new AppError('UNAUTHENTICATED', message);

/**
 * Batch entry points answer per item: the value, or the AppError the single call would have
 * thrown. `settle` turns a throwing check into such an answer (other errors still throw);
 * `unwrap` turns an answer back into the single call's value or throw.
 */
export type Outcome<T> = T | AppError;

export function settle<T>(fn: () => T): Outcome<T> {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

export function unwrap<T>(outcome: Outcome<T> | undefined): T {
  if (outcome instanceof AppError) throw outcome;
  if (outcome === undefined) throw new Error('A batch answered fewer items than it was given');
  return outcome;
}
