import { hubspotErrors } from '../http/hubspot-errors';
import type { PropertyMap } from './crm-object-views';

export interface SearchableRecord {
  id: string;
  properties: PropertyMap;
}

export interface SearchSchema {
  /** Properties that may be filtered and sorted on. */
  known: ReadonlySet<string>;
  /** Compared as instants: values may be epoch ms or ISO strings. */
  dates: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
  /** Properties the free-text `query` looks in. */
  queryable: readonly string[];
}

interface Filter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  highValue?: unknown;
  values?: unknown;
}

export interface SearchPage {
  total: number;
  results: SearchableRecord[];
  nextAfter?: string;
}

const MAX_LIMIT = 200;
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 10;
const MAX_FILTERS = 25;

/**
 * HubSpot's CRM search: filter groups (OR of ANDs), one sort, offset paging with `after`
 * (a numeric string) and a cap on how deep paging may go. Bad requests get HubSpot's
 * uninformative 400, the cap included.
 */
export function searchRecords(records: SearchableRecord[], body: unknown, schema: SearchSchema, resultCap: number): SearchPage {
  if (typeof body !== 'object' || body === null) throw hubspotErrors.badSearchRequest();
  const request = body as Record<string, unknown>;
  const limit = request.limit === undefined ? 10 : Number(request.limit);
  const after = request.after === undefined || request.after === null || request.after === '' ? 0 : Number(request.after);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) throw hubspotErrors.badSearchRequest();
  if (!Number.isInteger(after) || after < 0 || after >= resultCap) throw hubspotErrors.badSearchRequest();

  const groups = parseFilterGroups(request.filterGroups, schema);
  const query = typeof request.query === 'string' ? request.query.trim().toLowerCase() : '';
  const compare = comparator(request.sorts, schema);
  const matching = records
    .filter((r) => groups.length === 0 || groups.some((group) => group.every((filter) => matches(r.properties, filter, schema))))
    .filter((r) => !query || matchesQuery(r.properties, query, schema))
    .sort(compare);
  const results = matching.slice(after, after + limit);
  const next = after + limit;
  // Like HubSpot, the next cursor is offered even when following it would pass the cap.
  return { total: matching.length, results, nextAfter: next < matching.length ? String(next) : undefined };
}

function parseFilterGroups(value: unknown, schema: SearchSchema): Filter[][] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_GROUPS) throw hubspotErrors.badSearchRequest();
  const groups = value.map((group: unknown) => {
    const filters = (group as { filters?: unknown } | null)?.filters;
    if (!Array.isArray(filters) || filters.length > MAX_FILTERS_PER_GROUP) throw hubspotErrors.badSearchRequest();
    return filters as Filter[];
  });
  if (groups.flat().length > MAX_FILTERS) throw hubspotErrors.badSearchRequest();
  for (const filter of groups.flat()) {
    if (typeof filter.propertyName !== 'string' || !schema.known.has(filter.propertyName)) throw hubspotErrors.badSearchRequest();
    if (!OPERATORS.has(String(filter.operator))) throw hubspotErrors.badSearchRequest();
  }
  return groups;
}

type Comparable = number | string;

function typed(property: string, value: unknown, schema: SearchSchema): Comparable | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value);
  if (schema.dates.has(property)) return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (schema.numbers.has(property)) return Number(text);
  return text.toLowerCase();
}

const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

function matches(properties: PropertyMap, filter: Filter, schema: SearchSchema): boolean {
  const name = filter.propertyName as string;
  const actual = typed(name, properties[name], schema);
  const value = typed(name, filter.value, schema);
  const values = Array.isArray(filter.values) ? filter.values.map((v) => typed(name, v, schema)) : [];
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return actual !== undefined;
    case 'NOT_HAS_PROPERTY':
      return actual === undefined;
    case 'NEQ':
      return actual !== value;
    case 'NOT_IN':
      return !values.includes(actual);
    case 'CONTAINS_TOKEN':
      return actual !== undefined && tokenMatches(String(actual), String(filter.value ?? ''));
    case 'NOT_CONTAINS_TOKEN':
      return actual === undefined || !tokenMatches(String(actual), String(filter.value ?? ''));
  }
  if (actual === undefined) return false;
  switch (filter.operator) {
    case 'EQ':
      return actual === value;
    case 'IN':
      return values.includes(actual);
    case 'LT':
      return value !== undefined && actual < value;
    case 'LTE':
      return value !== undefined && actual <= value;
    case 'GT':
      return value !== undefined && actual > value;
    case 'GTE':
      return value !== undefined && actual >= value;
    case 'BETWEEN': {
      const high = typed(name, filter.highValue, schema);
      return value !== undefined && high !== undefined && actual >= value && actual <= high;
    }
    default:
      return false;
  }
}

/** CONTAINS_TOKEN matches whole words; `*` is a wildcard, as in HubSpot. */
function tokenMatches(text: string, token: string): boolean {
  const pattern = new RegExp(`^${token.toLowerCase().split('*').map(escapeRegExp).join('.*')}$`);
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}@.*-]+/u)
    .some((word) => pattern.test(word));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every word of the query must start a word of one of the searchable properties. */
function matchesQuery(properties: PropertyMap, query: string, schema: SearchSchema): boolean {
  const words = schema.queryable.flatMap((p) => (properties[p] ?? '').toLowerCase().split(/[^\p{L}\p{N}@.-]+/u));
  return query.split(/\s+/).every((term) => words.some((word) => word.startsWith(term)));
}

/**
 * One sort, given as {propertyName, direction}, "name" (ascending) or "-name" (descending);
 * without one, oldest object first. Ties fall back to the object id.
 */
function comparator(sorts: unknown, schema: SearchSchema): (a: SearchableRecord, b: SearchableRecord) => number {
  const byId = (a: SearchableRecord, b: SearchableRecord) => Number(a.id) - Number(b.id);
  if (sorts === undefined || (Array.isArray(sorts) && sorts.length === 0)) return byId;
  if (!Array.isArray(sorts) || sorts.length > 1) throw hubspotErrors.badSearchRequest();
  const sort = sorts[0] as unknown;
  let property: string;
  let descending: boolean;
  if (typeof sort === 'string') {
    descending = sort.startsWith('-');
    property = descending ? sort.slice(1) : sort;
  } else if (typeof sort === 'object' && sort !== null && typeof (sort as { propertyName?: unknown }).propertyName === 'string') {
    property = (sort as { propertyName: string }).propertyName;
    descending = (sort as { direction?: unknown }).direction === 'DESCENDING';
  } else {
    throw hubspotErrors.badSearchRequest();
  }
  if (!schema.known.has(property)) throw hubspotErrors.badSearchRequest();
  return (a, b) => {
    const x = typed(property, a.properties[property], schema);
    const y = typed(property, b.properties[property], schema);
    if (x === undefined || y === undefined) return x === y ? byId(a, b) : x === undefined ? 1 : -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    return (descending ? -order : order) || byId(a, b);
  };
}
