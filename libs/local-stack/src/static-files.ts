/** Serves the built dashboard (`dist/apps/dashboard`) the way a CDN in front of it would. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { HttpResponse } from './http-response';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const contentTypeOf = (file: string): string =>
  CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** A content hash in the name (`main-3f9a1c2b.js`) means the file never changes: cache it for a year. */
export const cacheControlOf = (file: string): string =>
  /[.-][0-9a-zA-Z_-]{8,}\.(js|mjs|css|woff2?|png|svg|jpg|webp)$/.test(path.basename(file)) &&
  /\d/.test(path.basename(file))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';

const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>peer-rewards</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>peer-rewards — local stack</h1>
<p>The API is running, but the dashboard is not built yet.</p>
<p>Build it with <code>npx nx run dashboard:build</code> (or restart <code>npm start</code>, which builds everything), then reload this page.</p>
<p>Meanwhile: <a href="/health">/health</a>, <a href="/openapi.json">/openapi.json</a>, <a href="/config.json">/config.json</a>.</p>
</body>
</html>
`;

/**
 * The static file for `urlPath` under `rootDir`, or null when there is none (the request then
 * goes to the API). `/` is `index.html`; without a built dashboard `/` explains how to build it.
 */
export const staticFile = async (
  rootDir: string,
  urlPath: string,
): Promise<HttpResponse | null> => {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return null;
  }
  const file = path.join(rootDir, relative);
  // Never serve outside the dashboard folder (`/../../.data/local-issuer.json`).
  if (!file.startsWith(rootDir + path.sep)) return null;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (urlPath !== '/') return null;
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
      body: Buffer.from(notBuiltPage),
    };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': contentTypeOf(file), 'cache-control': cacheControlOf(file) },
    body: await readFile(file),
  };
};
