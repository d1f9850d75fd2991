// The console at the edge: one Cloudflare Worker that serves the built web
// console (dist/, as Workers static assets) and streams the Cloud API
// (/api/v1/*, /api/scim/v2/*) through to UPSTREAM with the caller's own key.
// It keeps nothing: no storage binding, no cache, and no log line holds a
// request's headers. The same behaviour as `crdb-cloud-server --console dist
// --upstream URL` (crates/server/src/web.rs), for a team that deploys once.

import { unsafePath } from './path.js';

/** The console's Content-Security-Policy: the same as CONSOLE_CSP in crates/server/src/web.rs. */
const CONSOLE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "style-src 'self'; img-src 'self' data:; connect-src 'self' *; frame-ancestors 'none'";

const DEFAULT_UPSTREAM = 'https://cockroachlabs.cloud';

/** The path prefixes passed through to the upstream. */
const API_ROOTS = ['/api/v1', '/api/scim/v2'];

/** Request headers the API reads; every other one (Cookie, Cf-*, X-Forwarded-*...) is dropped. */
const REQUEST_HEADERS = ['accept', 'authorization', 'cc-version', 'content-type'];

/** Response headers passed back, besides every X-RateLimit-*; Set-Cookie and the rest are dropped. */
const RESPONSE_HEADERS = ['content-type', 'retry-after', 'cache-control', 'www-authenticate', 'location'];

// gRPC codes of the Status body (crates/sdk/src/error.rs).
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const INTERNAL = 13;
const UNAVAILABLE = 14;

export default {
  /** Routes one request: the API to the upstream, API-looking paths to 404, the rest to the console. */
  async fetch(request, env) {
    const url = new URL(request.url);
    const path = url.pathname;
    if (API_ROOTS.some((root) => path === root || path.startsWith(`${root}/`))) {
      return api(request, url, env);
    }
    if (path === '/api' || path.startsWith('/api/') || path === '/local' || path.startsWith('/local/')) {
      return status(404, NOT_FOUND, `no API at ${path} here: this console passes /api/v1 and /api/scim/v2 through`);
    }
    return consoleFile(request, url, env);
  },
};

/** A Status body {code, message, details}, as the Cloud API answers errors. */
function status(http, code, message, headers = {}) {
  return Response.json({ code, message, details: [] }, {
    status: http,
    headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

/**
 * A console file from the static assets, with the local server's headers. A
 * path whose last segment has no dot (a page of the app, e.g.
 * `/clusters/abc`) falls back to index.html; a missing file is a 404.
 */
async function consoleFile(request, url, env) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    // As the local API answers a method it has no route for.
    return status(405, NOT_FOUND, `no route for ${request.method} ${url.pathname}`, { allow: 'GET, HEAD' });
  }
  let answer = await env.ASSETS.fetch(request);
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  if (answer.status === 404 && !last.includes('.')) {
    // `/` rather than `/index.html`, which the assets answer with a redirect to `/`.
    answer = await env.ASSETS.fetch(new Request(new URL('/', url), request));
  }
  const response = new Response(answer.body, answer);
  const h = response.headers;
  h.set('content-security-policy', CONSOLE_CSP);
  h.set('x-content-type-options', 'nosniff');
  h.set('referrer-policy', 'no-referrer');
  if ((h.get('content-type') || '').startsWith('text/html')) {
    // The page names hashed files; always ask for the newest page.
    h.set('cache-control', 'no-cache');
  }
  return response;
}

/** The origins allowed to call the API from another site's pages (ALLOWED_ORIGINS, comma-separated). */
function allowedOrigins(env) {
  return (env.ALLOWED_ORIGINS || '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
}

/** CORS headers for a cross-origin caller that ALLOWED_ORIGINS names. */
function cors(origin) {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
    vary: 'Origin',
  };
}

/**
 * Streams one API request to the upstream and its answer back. Same-origin
 * callers (the console) and callers without an Origin (curl, the SDK outside
 * a browser) pass; a page of another site passes only when ALLOWED_ORIGINS
 * names its origin.
 */
async function api(request, url, env) {
  const origin = request.headers.get('origin');
  let extra = {};
  if (origin && origin !== url.origin) {
    if (!allowedOrigins(env).includes(origin)) {
      return status(403, PERMISSION_DENIED, `pages of ${origin} may not call the API through this console`);
    }
    extra = cors(origin);
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...extra,
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
          'access-control-allow-headers': 'authorization, cc-version, content-type',
          'access-control-max-age': '600',
        },
      });
    }
  }
  const why = unsafePath(url.pathname);
  if (why) return status(400, INVALID_ARGUMENT, `the path is refused: ${why}`, extra);

  const base = (env.UPSTREAM || DEFAULT_UPSTREAM).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(base)) {
    return status(500, INTERNAL, `the worker's UPSTREAM setting must start with https:// or http://, not ${JSON.stringify(base)}`, extra);
  }
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer;
  try {
    answer = await fetch(`${base}${url.pathname}${url.search}`, {
      method: request.method,
      headers,
      body: hasBody ? request.body : null,
      redirect: 'manual',
    });
  } catch {
    // The error names the upstream's address at most; still, nothing of the request is logged.
    return status(502, UNAVAILABLE, 'the upstream API could not be reached', extra);
  }
  const out = new Headers(extra);
  for (const [name, value] of answer.headers) {
    if (RESPONSE_HEADERS.includes(name) || name.startsWith('x-ratelimit-')) out.append(name, value);
  }
  if (!out.has('cache-control')) out.set('cache-control', 'no-store');
  out.set('x-content-type-options', 'nosniff');
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
}
