/**
 * Generated HTTP requests against the API, from a seed: request `i` of seed `s` is always the
 * same bytes (its own PRNG is seeded from both), so a failure names a request that can be sent
 * again. Near-valid requests are mutated one or two things at a time — methods, paths, headers,
 * query strings (repeated parameters too), bodies, content types, charsets and encodings — so
 * they reach deep into the validation, not only the router.
 */
import { prng, type Rng } from './prng';
import {
  CONTENT_TYPES,
  METHODS,
  NASTY,
  NUMBER_LITERALS,
  NUMBERS,
  PATHS,
  QUERY_KEYS,
  ROUTES,
  USERS,
} from './fuzz-vocabulary';

export interface FuzzRequest {
  readonly index: number;
  readonly method: string;
  /** Path and query, as sent on the request line. */
  readonly path: string;
  /** Raw header pairs (repeats allowed), `authorization` as a token role, see `FuzzAuth`. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly auth: FuzzAuth;
  readonly body?: Buffer;
  /** What was mutated, for the summary and for a regression case. */
  readonly kind: string;
}

/** Who the request claims to be: a demo user's valid token, a broken one, or none. */
export type FuzzAuth =
  | { readonly type: 'user'; readonly username: string }
  | { readonly type: 'claims'; readonly claims: Readonly<Record<string, unknown>> }
  | { readonly type: 'raw'; readonly header: string }
  | { readonly type: 'none' };

/** encodeURIComponent, which throws on a lone surrogate: that one is sent as its CESU bytes. */
const enc = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};
const segment = (rng: Rng) =>
  rng.chance(0.5) ? enc(rng.pick(NASTY)) : rng.pick(NASTY).replace(/[^\x21-\x7e]/g, enc);

const fill = (rng: Rng, template: string) =>
  template
    .replace('{u}', rng.chance(0.6) ? rng.pick(USERS) : segment(rng))
    .replace('{id}', rng.chance(0.3) ? '01JDQ4V6ZQ4N2K8X7B3M5C9T1R' : segment(rng))
    .replace(/\{x\}/g, () => segment(rng));

const queryValue = (rng: Rng, key: string): string => {
  if (key === 'usernames')
    return Array.from({ length: rng.pick([1, 2, 3, 100, 101]) }, (_, i) =>
      i % 3 === 0 ? rng.pick(USERS) : segment(rng),
    ).join(rng.pick([',', '%2C', ',,']));
  if (key === 'limit')
    return String(rng.pick([...NUMBERS, ...NUMBER_LITERALS, ...NASTY.slice(0, 8)]));
  if (key === 'period') return rng.pick(['week', 'month', 'all', 'year', 'WEEK', '', 'week,month']);
  if (key === 'cursor')
    return rng.pick([
      enc(Buffer.from(JSON.stringify({ pk: 'REWARD', sk: 'x' })).toString('base64url')),
      enc(Buffer.from(rng.pick(NASTY)).toString('base64')),
      'a'.repeat(rng.pick([1, 500, 5000])),
      segment(rng),
    ]);
  return rng.chance(0.5) ? rng.pick(USERS) : segment(rng);
};

const query = (rng: Rng): string => {
  const parts: string[] = [];
  for (let i = rng.chance(0.3) ? 0 : rng.int(1, 3); i > 0; i--) {
    const key = rng.pick(QUERY_KEYS);
    // Repeated parameters: API Gateway joins them with commas.
    for (let r = rng.chance(0.2) ? rng.int(2, 3) : 1; r > 0; r--)
      parts.push(rng.chance(0.05) ? key : `${key}=${queryValue(rng, key)}`);
  }
  if (rng.chance(0.05)) parts.push(rng.pick(['&&', '=', '%', '%%', '?', '#frag']));
  return parts.length ? `?${parts.join('&')}` : '';
};

const deep = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

const jsonText = (rng: Rng): string => {
  const reward = { to: rng.pick(USERS), points: rng.int(1, 5), message: 'fuzz ✨' };
  const profile = { displayName: 'Fuzz Tester', avatar: '🦊' };
  const base: Record<string, unknown> = rng.chance(0.5) ? { ...reward } : { ...profile };
  const key = rng.pick([
    ...Object.keys(base),
    'extra',
    '__proto__',
    'constructor',
    'idempotencyKey',
  ]);
  switch (rng.int(0, 11)) {
    case 0:
      base[key] = rng.pick(NASTY);
      break;
    case 1:
      base[key] = rng.pick(NUMBERS);
      break;
    case 2:
      base[key] = rng.pick([null, true, [], {}, [1], { a: 1 }]);
      break;
    case 3:
      delete base[key];
      break;
    case 4:
      // A number JSON.parse turns into Infinity or rounds: spliced in as a literal.
      return JSON.stringify(base).replace(/"points":\d+/, `"points":${rng.pick(NUMBER_LITERALS)}`);
    case 5:
      // Duplicate keys: JSON.parse keeps the last one.
      return JSON.stringify(base).replace(/^\{/, `{"${key}":${JSON.stringify(rng.pick(NASTY))},`);
    case 6:
      return deep(rng.pick([100, 1000, 5000]), rng.pick(['[', '{"a":']), rng.pick([']', '}']));
    case 7:
      return rng.pick(['', 'null', '[]', '"text"', '1', '{', '{"to":', 'undefined', '{"a":1}x']);
    case 8:
      base.message = 'ok '.repeat(rng.pick([100, 6000, 400_000]));
      break;
    case 9:
      base[key] = deep(50, '[', ']');
      break;
    default:
      break;
  }
  return JSON.stringify(base);
};

/** Body bytes in the declared charset, or deliberately not. */
const bodyBytes = (rng: Rng, text: string): Buffer => {
  switch (rng.int(0, 7)) {
    case 0:
      return Buffer.concat([
        Buffer.from(text),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
      ]);
    case 1:
      return Buffer.from(text, 'utf16le');
    case 2:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 3:
      return Buffer.from(text, 'latin1');
    case 4:
      return Buffer.from(Buffer.from(text).toString('base64'));
    default:
      return Buffer.from(text);
  }
};

const auth = (rng: Rng): FuzzAuth => {
  const roll = rng.next();
  if (roll < 0.7) return { type: 'user', username: rng.pick(USERS) };
  if (roll < 0.8)
    return {
      type: 'claims',
      claims: rng.pick([
        { username: rng.pick(NASTY) },
        { username: 'Alex' },
        { username: 'me' },
        { username: 42 },
        { username: null },
        { exp: 1 },
        { aud: 'someone-else' },
        { sub: 'x', username: ['alex'] },
      ]),
    };
  if (roll < 0.95)
    return {
      type: 'raw',
      header: rng.pick([
        'Bearer',
        'Bearer ',
        'Bearer abc.def.ghi',
        'Basic YWxleDphbGV4',
        'bearer eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImFsZXgifQ.',
        `Bearer ${'a'.repeat(8000)}`,
        'Bearer eyJ.eyJ.x, Bearer eyJ',
      ]),
    };
  return { type: 'none' };
};

/** Request `index` of the run seeded with `seed`. */
export const fuzzRequest = (seed: number, index: number): FuzzRequest => {
  const rng = prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  // Most requests aim at a real route with its method, so they get past the router.
  const [method, template] = rng.chance(0.7)
    ? rng.pick(ROUTES)
    : [rng.chance(0.7) ? rng.pick(['GET', 'POST', 'PUT']) : rng.pick(METHODS), rng.pick(PATHS)];
  // What a client can put on the request line: anything else percent-encoded.
  const path = `${fill(rng, template)}${query(rng)}`.replace(/[^\x21-\x7e]/gu, enc);
  const headers: Array<[string, string]> = [];
  let body: Buffer | undefined;
  const kinds: string[] = [];
  if (method !== 'GET' && method !== 'HEAD' && rng.chance(0.9)) {
    const text = jsonText(rng);
    body = bodyBytes(rng, text);
    const type = rng.chance(0.6) ? 'application/json' : rng.pick(CONTENT_TYPES);
    if (type) headers.push(['content-type', type]);
    if (rng.chance(0.05)) headers.push(['content-type', rng.pick(CONTENT_TYPES) || 'text/plain']);
    if (rng.chance(0.05))
      headers.push(['content-encoding', rng.pick(['gzip', 'br', 'identity', 'x'])]);
    kinds.push(`body:${type || 'none'}`);
  }
  if (rng.chance(0.3))
    headers.push([
      'idempotency-key',
      rng.chance(0.5) ? `fuzz-${seed}-${index}` : segment(rng).slice(0, 300),
    ]);
  if (rng.chance(0.05)) headers.push(['idempotency-key', `again-${index}`]);
  if (rng.chance(0.1))
    headers.push(['origin', rng.pick(['http://localhost:3000', 'https://evil.example', 'null'])]);
  if (rng.chance(0.05))
    headers.push(['x-forwarded-for', rng.pick(NASTY).replace(/[^\x20-\x7e]/g, '')]);
  if (rng.chance(0.05))
    headers.push(['accept', rng.pick(['*/*', 'text/html', 'application/xml', ''])]);
  if (rng.chance(0.03)) headers.push(['x-amzn-trace-id', 'Root=garbage']);
  return {
    index,
    method,
    path,
    headers,
    auth: auth(rng),
    body,
    kind: [method, ...kinds].join(' '),
  };
};
