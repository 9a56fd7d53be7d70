/**
 * Structured JSON logs (pino). Never log raw identifier values, tokens or variables:
 * the redaction paths below are a second line of defence behind not passing them at all.
 */
import pino, { Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kingraph' },
      redact: {
        paths: [
          'token',
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          'variables',
          '*.variables',
          'query',
          'value',
          '*.value',
          'identifier',
          'identifiers',
          '*.identifiers',
          'secret',
          'jwtSecret',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
