import fc from 'fast-check';
import { KnownValue, KnownValues } from './known-values';
import type { FuzzOperation, FuzzParameter, JsonSchema } from './openapi-document';
import type { RawRequest } from './raw-http';

/**
 * fast-check arbitraries of requests for one documented operation, valid and hostile. A plan holds
 * placeholders for values the server has shown (`KnownValue`); `materialize` turns it into bytes.
 */

/** A path or query value: text to percent-encode, wire text sent as is, or a value seen earlier. */
type Piece = { text: string } | { wire: string } | KnownValue;

type Body = { json: unknown; contentType: string } | { raw: Buffer; contentType?: string };

export interface RequestPlan {
  operation: FuzzOperation;
  method: string;
  path: Record<string, Piece>;
  pathSuffix: string;
  query: [string, Piece][];
  headers: [string, string][];
  body?: Body;
}

export interface Credentials {
  operatorToken: string;
}

/** Bodies stay well under the API's 1 MiB limit: a refusal before the body is read ends in a reset. */
const MAX_BODY_BYTES = 512 * 1024;

// ---------------------------------------------------------------- text

/** Characters that have broken servers: NUL, lone surrogates, controls, bidi and BOM, URL syntax. */
const WILD_CHARACTERS = [
  '\0',
  '\uD800',
  '\uDC00',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u202e',
  '\uFEFF',
  '\uFFFF',
  '%',
  '/',
  '?',
  '#',
  '&',
  '=',
  '"',
  "'",
  '\\',
  '{',
  '<',
];

const wildUnit = fc.oneof(
  { arbitrary: fc.constantFrom(...WILD_CHARACTERS), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 3 },
);

const NOTABLE_TEXT = [
  '',
  ' ',
  '\0',
  'a\u0000b',
  '\uD800',
  'x\uDFFF',
  '%00',
  '%ED%A0%80',
  '..',
  '../../etc/passwd',
  "' OR '1'='1",
  '${7*7}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '\u202egnp.exe',
  '🚀',
  'Zoë Ærøskøbing 東京',
  'a@b',
  'true',
  // numbers and times at the edges of what parsers and Postgres take
  '0x10',
  '1.5',
  ' 7',
  '007',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-02-30',
  '2026-01-01T00:00:00+14:00',
  '1970-01-01',
];

const hugeText = fc
  .tuple(fc.constantFrom('a', 'é', '🚀', '\0', '\uD800', '%'), fc.integer({ min: 1_000, max: 60_000 }))
  .map(([unit, count]) => unit.repeat(count));

/** Text meant to break things. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NOTABLE_TEXT), weight: 4 },
  { arbitrary: fc.string({ unit: wildUnit, maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: hugeText, weight: 1 },
);

/** Percent-encoding sequences a decoder must refuse or survive, sent as they are. */
const wildWireText = fc.constantFrom('%', '%zz', '%0', '%ED%A0%80', '%C0%80', '%FF', '%E2%82', '%25%00', '%2F', '%2e%2e', '%5B%5D', 'a%00b', '%F4%90%80%80');

/** Percent-encodes any JS string; a lone surrogate becomes the (invalid) UTF-8 of its code unit. */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const character of text) {
    const unit = character.charCodeAt(0);
    if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      encoded += encodeURIComponent(character);
    }
  }
  return encoded;
}

// ---------------------------------------------------------------- values from schemas

/**
 * A valid value of the schema. Where the document only says "string", the name says more
 * (an `id` is a move's or an execution's, a `provider` is hubspot or google).
 */
export function validValue(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.oneOf ?? schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf)!.map((branch) => validValue(branch, name)));
  const type = schema.type ?? (schema.properties ? 'object' : 'string');
  if (type === 'integer' || type === 'number') {
    const min = schema.minimum ?? -1_000;
    const max = schema.maximum ?? Math.max(min, 0) + 1_000;
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  if (type === 'boolean') return fc.boolean();
  if (type === 'array') return fc.array(validValue(schema.items ?? {}, name), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
  if (type === 'object') return validObject(schema);
  return validText(schema, name);
}

function validText(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  const known = (pool: ConstructorParameters<typeof KnownValue>[0]) => fc.nat().map((pick) => new KnownValue(pool, pick));
  if (schema.format === 'uuid' || /(^|_)id$/.test(name)) return fc.oneof({ arbitrary: known('id'), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 });
  if (/email|^contact$/.test(name)) return fc.oneof({ arbitrary: known('email'), weight: 3 }, { arbitrary: fc.emailAddress(), weight: 1 });
  if (name === 'company') return fc.oneof(known('company'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }));
  if (name === 'cursor') return known('cursor');
  if (name === 'provider') return fc.constantFrom('hubspot', 'google');
  if (schema.format === 'date-time' || /^(from|to|until|since|detected_at|submitted_at)$/.test(name)) {
    return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
  }
  const text = fc.string({ unit: 'grapheme', minLength: Math.min(schema.minLength ?? 1, 40), maxLength: Math.min(schema.maxLength ?? 40, 40) });
  return schema.example === undefined ? text : fc.oneof(fc.constant(schema.example), text);
}

function validObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (!schema.properties || Object.keys(schema.properties).length === 0) {
    if (schema.example !== undefined) return fc.constant(schema.example);
    return fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 });
  }
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, validValue(child, key)]));
  const required = (schema.required ?? []).filter((key) => key in properties);
  const generated = fc.record(properties, { requiredKeys: required });
  return schema.example === undefined ? generated : fc.oneof({ arbitrary: fc.constant(schema.example), weight: 1 }, { arbitrary: generated, weight: 3 });
}

/** Any JSON value at all: the wrong type for whatever was expected. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom<unknown>(null, true, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, -1, 0.5, [], {}, [null], JSON.parse('{"__proto__":{"admin":true}}')),
);

/** A valid value, or one of the schema's type made hostile, or another type altogether. */
export function wildValue(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: validValue(schema, name), weight: 2 }, { arbitrary: hostileText, weight: 2 }, { arbitrary: anyJson, weight: 1 });
}

/** Nested arrays or objects some levels deep, a string at the bottom. */
const deepJson = fc.tuple(fc.integer({ min: 20, max: 200 }), fc.boolean(), hostileText).map(([depth, arrays, leaf]) => {
  let value: unknown = leaf;
  for (let level = 0; level < depth; level++) value = arrays ? [value] : { nested: value };
  return value;
});

// ---------------------------------------------------------------- bodies

type Mutation = (body: Record<string, unknown>) => fc.Arbitrary<Record<string, unknown>>;

/** Valid bodies broken one way: a required field gone, a field of the wrong kind, fields added. */
function mutatedBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  const mutations: Mutation[] = [
    (body) => (keys.length === 0 ? fc.constant(body) : fc.constantFrom(...keys).map((key) => omit(body, key))),
    (body) => (keys.length === 0 ? fc.constant(body) : fc.tuple(fc.constantFrom(...keys), anyJson).map(([key, value]) => ({ ...body, [key]: value }))),
    (body) =>
      keys.length === 0
        ? fc.constant(body)
        : fc.constantFrom(...keys).chain((key) => wildValue(schema.properties![key], key).map((value) => ({ ...body, [key]: value }))),
    (body) =>
      fc
        .dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', '\0', '\uD800')), anyJson, {
          minKeys: 1,
          maxKeys: 3,
        })
        .map((extra) => ({ ...body, ...extra })),
    (body) => (keys.length === 0 ? fc.constant(body) : fc.tuple(fc.constantFrom(...keys), deepJson).map(([key, value]) => ({ ...body, [key]: value }))),
  ];
  return validObject(schema).chain((valid) => {
    const body = typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
    return fc.constantFrom(...mutations).chain((mutate) => mutate(body));
  });
}

function omit(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _omitted, ...rest } = body;
  return rest;
}

const JSON_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/merge-patch+json',
];

/** Not JSON, or not well-formed, or not text at all. */
const rawBody: fc.Arbitrary<Body> = fc.record({
  raw: fc
    .oneof(
      fc.constantFrom(
        '',
        '{',
        '{"a":',
        '[1,]',
        "{'a':1}",
        'null',
        '"\\u0000"',
        '{"a":"\\ud800"}',
        '{"__proto__":{"x":1}}',
        '{"a":1,"a":2}',
        '\uFEFF{}',
        'NaN',
        '1e309',
      ),
      fc.integer({ min: 10, max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
      fc.string({ unit: 'binary', maxLength: 200 }),
    )
    .map((text) => Buffer.from(text, 'utf8'))
    .chain((text) =>
      fc.oneof(
        fc.constant(text),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      ),
    ),
  contentType: fc.option(
    fc.constantFrom(
      ...JSON_TYPES,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      ';;',
      'application/json; charset=latin1',
    ),
    { nil: undefined },
  ),
});

function bodyArbitrary(operation: FuzzOperation): fc.Arbitrary<Body | undefined> {
  const asJson = (json: fc.Arbitrary<unknown>, weight: number) => ({ arbitrary: fc.record({ json, contentType: fc.constantFrom(...JSON_TYPES) }), weight });
  if (!operation.body) {
    // No documented body: usually none, sometimes one anyway.
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, asJson(anyJson, 1), { arbitrary: rawBody, weight: 1 });
  }
  return fc.oneof(
    asJson(validValue(operation.body), 6),
    asJson(mutatedBody(operation.body), 5),
    asJson(anyJson, 1),
    { arbitrary: rawBody, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

// ---------------------------------------------------------------- headers and credentials

/** Header text the HTTP parser lets through (or, for control characters, refuses). */
const headerText = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), weight: 40 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 20 }, // sent as UTF-8, read by the server as latin1
  { arbitrary: fc.constantFrom('\0', 'a\u0000b', '\u0001', '\u007f', '\t', ' x ', 'é'.repeat(300)), weight: 10 },
  { arbitrary: fc.constant('x'.repeat(20_000)), weight: 1 }, // past the header size limit
);

const oddHeader: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'x-request-id',
      'x-idempotency-key',
      'idempotency-key',
      'x-csrf-token',
      'cookie',
      'authorization',
      'x-admin-token',
      'origin',
      'referer',
      'x-forwarded-for',
      'user-agent',
      'accept-language',
      'if-none-match',
      'range',
    ),
    headerText,
  ),
  fc.tuple(
    fc.constant('accept'),
    fc.constantFrom('*/*', 'application/json', 'application/problem+json', 'text/html', 'text/event-stream', 'application/xml', ';;;', ''),
  ),
  fc.tuple(fc.constant('accept-encoding'), fc.constantFrom('gzip', 'br', 'deflate', 'gzip, br', 'identity;q=0', '*;q=0', 'gzip;q=abc', 'zstd')),
  fc.tuple(fc.constant('x-hubspot-signature-v3'), fc.oneof(headerText, fc.base64String({ maxLength: 44 }))),
  fc.tuple(fc.constant('x-hubspot-request-timestamp'), fc.constantFrom(String(Date.now()), '0', '-1', '1e99', 'abc', '')),
  fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerText),
);

type Auth = 'operator' | 'bearer' | 'none' | 'wrong-token' | 'stale-session' | 'garbled';

const auth = fc.oneof(
  { arbitrary: fc.constant<Auth>('operator'), weight: 6 },
  { arbitrary: fc.constant<Auth>('bearer'), weight: 2 },
  { arbitrary: fc.constant<Auth>('none'), weight: 2 },
  { arbitrary: fc.constantFrom<Auth>('wrong-token', 'stale-session', 'garbled'), weight: 1 },
);

function credentialHeaders(mode: Auth, credentials: Credentials, noise: string): [string, string][] {
  switch (mode) {
    case 'operator':
      return [['x-admin-token', credentials.operatorToken]];
    case 'bearer':
      return [['authorization', `Bearer ${credentials.operatorToken}`]];
    case 'none':
      return [];
    case 'wrong-token':
      return [['x-admin-token', `${credentials.operatorToken}x`]];
    case 'stale-session':
      return [
        ['cookie', `caseyos_session=${percentEncode(noise)}`],
        ['x-csrf-token', 'x'],
      ];
    case 'garbled':
      return [['authorization', noise]];
  }
}

// ---------------------------------------------------------------- whole requests

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

const asPiece = (value: unknown): Piece => (value instanceof KnownValue ? value : { text: typeof value === 'string' ? value : JSON.stringify(value) });

function validPiece(parameter: FuzzParameter): fc.Arbitrary<Piece> {
  return validValue(parameter.schema, parameter.name).map(asPiece);
}

function wildPiece(parameter: FuzzParameter): fc.Arbitrary<Piece> {
  return fc.oneof(
    { arbitrary: validPiece(parameter), weight: 4 },
    { arbitrary: hostileText.map(asPiece), weight: 3 },
    { arbitrary: wildWireText.map((wire): Piece => ({ wire })), weight: 1 },
  );
}

/** Some of the declared parameters of a place, each drawn by `piece`. */
function chosen(parameters: FuzzParameter[], piece: (parameter: FuzzParameter) => fc.Arbitrary<Piece>): fc.Arbitrary<[string, Piece][]> {
  const required = parameters.filter((parameter) => parameter.required);
  return fc
    .subarray(parameters.filter((parameter) => !parameter.required))
    .chain((optional) => fc.tuple(...[...required, ...optional].map((parameter) => piece(parameter).map((value): [string, Piece] => [parameter.name, value]))));
}

export type PlannedRequest = RequestPlan & { auth: [string, string][] };

/**
 * Requests for one operation. Two in five are what a careful client sends (valid parameters and
 * body, the operator's credentials), to reach the code behind the checks; the rest are hostile:
 * any parameter may be wild, undeclared ones are added, headers are odd, bodies mutated or not
 * JSON at all, the method or the path off, the credentials missing or wrong.
 */
export function requestArbitrary(operation: FuzzOperation, credentials: Credentials): fc.Arbitrary<PlannedRequest> {
  const inPlace = (place: FuzzParameter['in']) => operation.parameters.filter((parameter) => parameter.in === place);
  const asRecord = (pieces: [string, Piece][]) => Object.fromEntries(pieces);
  const declaredHeaders = (value: fc.Arbitrary<string>) =>
    chosen(inPlace('header'), () => value.map((text): Piece => ({ text }))).map((pieces) =>
      pieces.map(([name, piece]): [string, string] => [name.toLowerCase(), 'text' in piece ? piece.text : '']),
    );

  const careful = fc.record({
    method: fc.constant(operation.method),
    path: chosen(inPlace('path'), validPiece).map(asRecord),
    pathSuffix: fc.constant(''),
    query: chosen(inPlace('query'), validPiece),
    headers: declaredHeaders(fc.uuid()),
    body: operation.body ? fc.record({ json: validValue(operation.body), contentType: fc.constant('application/json') }) : fc.constant(undefined),
    auth: fc.constantFrom<Auth>('operator', 'bearer').map((mode) => credentialHeaders(mode, credentials, '')),
  });

  const queryNames = inPlace('query').map((parameter) => parameter.name);
  const undeclaredQuery = fc.tuple(
    fc.oneof(fc.constantFrom(...queryNames, 'x', '__proto__', 'a[b]', 'a[]'), hostileText),
    fc.oneof(
      hostileText.map(asPiece),
      wildWireText.map((wire): Piece => ({ wire })),
    ),
  );
  const hostile = fc.record({
    method: fc.oneof({ arbitrary: fc.constant(operation.method), weight: 20 }, { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 1 }),
    path: chosen(inPlace('path'), wildPiece).map(asRecord),
    pathSuffix: fc.oneof({ arbitrary: fc.constant(''), weight: 20 }, { arbitrary: fc.constantFrom('/', '//', '/..', '/%2e%2e', '/x', ';x', '%20'), weight: 1 }),
    query: fc.tuple(chosen(inPlace('query'), wildPiece), fc.array(undeclaredQuery, { maxLength: 2 })).map(([declared, extra]) => [...declared, ...extra]),
    headers: fc.tuple(declaredHeaders(fc.oneof(fc.uuid(), headerText)), fc.array(oddHeader, { maxLength: 3 })).map(([declared, odd]) => [...declared, ...odd]),
    body: bodyArbitrary(operation),
    auth: fc.tuple(auth, hostileText).map(([mode, noise]) => credentialHeaders(mode, credentials, noise)),
  });

  return fc.oneof({ arbitrary: careful, weight: 2 }, { arbitrary: hostile, weight: 3 }).map((plan) => ({ ...plan, operation }));
}

/** The request as it goes on the wire, placeholders resolved against what the server has shown. */
export function materialize(plan: PlannedRequest, known: KnownValues): RawRequest {
  const encode = (piece: Piece) =>
    piece instanceof KnownValue ? percentEncode(known.resolve(piece)) : 'wire' in piece ? piece.wire : percentEncode(piece.text);
  // A line break would end the header early and turn the rest into another request.
  const headerValue = (value: string) => value.replace(/[\r\n]/g, '');
  const path = plan.operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => (plan.path[name] ? encode(plan.path[name]) : ''));
  const query = plan.query.map(([name, piece]) => `${percentEncode(name)}=${encode(piece)}`).join('&');
  const headers = [...plan.auth, ...plan.headers].map(([name, value]): [string, string] => [name, headerValue(value)]);
  let body: Buffer | undefined;
  if (plan.body && 'json' in plan.body) {
    body = Buffer.from(JSON.stringify(known.resolveDeep(plan.body.json)) ?? 'null', 'utf8');
    headers.push(['content-type', plan.body.contentType]);
  } else if (plan.body) {
    body = plan.body.raw;
    if (plan.body.contentType) headers.push(['content-type', plan.body.contentType]);
  }
  return {
    method: plan.method,
    target: `${path}${plan.pathSuffix}${query ? `?${query}` : ''}`,
    headers,
    body: body && body.length > MAX_BODY_BYTES ? body.subarray(0, MAX_BODY_BYTES) : body,
  };
}
