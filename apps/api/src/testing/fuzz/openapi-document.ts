/** The part of an OpenAPI 3 document the fuzzer reads: its operations, parameters and JSON bodies. */

export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  nullable?: boolean;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
}

interface RawParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
  $ref?: string;
}

interface RawOperation {
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export type ParameterPlace = 'path' | 'query' | 'header';

export interface FuzzParameter {
  name: string;
  in: ParameterPlace;
  required: boolean;
  schema: JsonSchema;
}

export interface FuzzOperation {
  /** `GET /api/signals/{id}`: how failures and the coverage table name it. */
  name: string;
  method: string;
  path: string;
  parameters: FuzzParameter[];
  /** The JSON body's schema, when the operation documents one. */
  body?: JsonSchema;
  bodyRequired: boolean;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, schemas resolved ($ref, allOf) so generators see plain ones. */
export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const resolve = schemaResolver(document);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => {
        const declared: FuzzParameter[] = (operation.parameters ?? [])
          .filter((parameter): parameter is RawParameter & { in: ParameterPlace } => ['path', 'query', 'header'].includes(parameter.in))
          .map((parameter) => ({
            name: parameter.name,
            in: parameter.in,
            required: parameter.in === 'path' || parameter.required === true,
            schema: resolve(parameter.schema ?? { type: 'string' }),
          }));
        // A template placeholder the document forgot to declare is still a path parameter.
        const undeclared = [...path.matchAll(/\{([^}]+)\}/g)]
          .map(([, name]) => name)
          .filter((name) => !declared.some((parameter) => parameter.in === 'path' && parameter.name === name))
          .map((name): FuzzParameter => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
        const parameters = [...declared, ...undeclared];
        const json = operation.requestBody?.content?.['application/json']?.schema;
        return {
          name: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters,
          body: json ? resolve(json) : undefined,
          bodyRequired: operation.requestBody?.required === true,
        };
      }),
  );
}

function schemaResolver(document: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  const named = document.components?.schemas ?? {};
  const resolve = (schema: JsonSchema, seen: string[]): JsonSchema => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.includes(name) || !named[name]) return { type: 'object' }; // a cycle or an unknown name: any object
      return resolve(named[name], [...seen, name]);
    }
    const { allOf, ...own } = schema;
    const merged = (allOf ?? []).map((part) => resolve(part, seen)).reduce<JsonSchema>((all, part) => mergeSchemas(all, part), {});
    const resolved = mergeSchemas(merged, own);
    const walk = (child: JsonSchema) => resolve(child, seen);
    return {
      ...resolved,
      ...(resolved.items ? { items: walk(resolved.items) } : {}),
      ...(resolved.properties ? { properties: Object.fromEntries(Object.entries(resolved.properties).map(([key, value]) => [key, walk(value)])) } : {}),
      ...(resolved.oneOf ? { oneOf: resolved.oneOf.map(walk) } : {}),
      ...(resolved.anyOf ? { anyOf: resolved.anyOf.map(walk) } : {}),
    };
  };
  return (schema) => resolve(schema, []);
}

/** allOf as a merge: later keys win, properties and required add up. */
function mergeSchemas(base: JsonSchema, next: JsonSchema): JsonSchema {
  return {
    ...base,
    ...next,
    ...(base.properties || next.properties ? { properties: { ...base.properties, ...next.properties } } : {}),
    ...(base.required || next.required ? { required: [...(base.required ?? []), ...(next.required ?? [])] } : {}),
  };
}
