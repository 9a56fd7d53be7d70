/**
 * GET /app: the advisor console (console/, bundled by `npm run build` into dist/console) as
 * static files, with a strict content security policy (everything from this origin, no inline
 * script, no framing). Hashed assets are cached for a year; index.html is answered for every
 * other path under /app (the console routes in the browser) and never cached. While the bundle
 * is absent (the service was built without it), /app answers 404 saying how to build it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import { repoRoot } from '../paths';

export const CONSOLE_PATH = '/app';

/** Where `npm run build` writes the console bundle. */
export const consoleDir = (): string => join(repoRoot(), 'dist', 'console');

/**
 * The one style element the console's code adds: cytoscape puts this rule in the page's head
 * (its canvas container must be positioned). Allowed by its hash, not by 'unsafe-inline'.
 */
export const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';
const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Everything from this origin only: scripts and styles from the bundle's files (no inline
 * script; no style element but cytoscape's, by hash), images from the bundle or data: URLs,
 * requests to /graphql.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${sha256(CYTOSCAPE_STYLE)}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function consoleHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('content-security-policy', CONSOLE_CSP);
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  next();
}

/** Mount the console under /app (see the file comment). The bundle may be built after the service started. */
export function mountConsole(app: Express, log: Logger, dir: string = consoleDir()): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) log.warn({ path: CONSOLE_PATH }, 'the console is not built (dist/console): /app answers 404 until `npm run build`');
  app.use(
    CONSOLE_PATH,
    consoleHeaders,
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        // Vite names assets by content hash: they never change under the same name.
        res.setHeader('cache-control', path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      // A missing asset is a 404, not the page (a stale tab asking for an old bundle).
      if (req.path.startsWith('/assets/')) return res.status(404).type('text/plain').send('Not found\n');
      if (!existsSync(index)) return res.status(404).type('text/plain').send('The console is not built: run `npm run build`.\n');
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    },
  );
}
