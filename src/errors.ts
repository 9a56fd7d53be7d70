/**
 * Domain errors: thrown by services, free of GraphQL. The GraphQL layer turns each into
 * an error whose `extensions.code` is the code below; anything else becomes an opaque
 * INTERNAL_SERVER_ERROR.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

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
export const forbidden = (): AppError => new AppError('FORBIDDEN', 'Not found or not allowed for this caller');

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`);

export const unauthenticated = (message = 'A valid bearer token is required'): AppError =>
  new AppError('UNAUTHENTICATED', message);
