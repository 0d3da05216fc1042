/**
 * Checks request and response bodies against Atlassian's OpenAPI 3.0.1 descriptions of Jira Cloud,
 * so the emulator and the client are held to the real API rather than to our idea of it: the
 * platform REST API (/rest/api/3) and Jira Software's Agile API (/rest/agile/1.0), both vendored
 * and trimmed to the operations used in test/fixtures/jira/openapi (see the README there).
 *
 * - OpenAPI 3.0 schemas are not quite JSON Schema: `nullable`, `readOnly`/`writeOnly` in `required`,
 *   `discriminator`, `example`, `xml` and formats such as int64 are translated or ignored here.
 * - Schemas are compiled lazily per operation and status, then cached.
 * - Agile paths go to the Jira Software description, everything else to the platform one. Some Agile
 *   operations document their 200 body only by an example (e.g. "Get all sprints"): such a body is
 *   not checked, as for any operation without a schema.
 * - `JIRA_OPENAPI_SPEC` replaces the platform description, e.g. with a full fresh download from
 *   Atlassian to see whether the trimmed copy has drifted.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { platformSpecFile, softwareSpecFile } from './jira-fixtures';

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

export interface OpenApiValidator {
  validateResponse(method: string, path: string, status: number, body: unknown): ValidationResult;
  validateRequest(method: string, path: string, body: unknown): ValidationResult;
  hasOperation(method: string, path: string): boolean;
  /** Checks a value against one `components.schemas` entry as a response, e.g. a field value in `IssueBean.fields`. */
  validateSchema(schemaName: string, value: unknown): ValidationResult;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface MediaType { schema?: Json }
interface Operation {
  requestBody?: { content?: Record<string, MediaType>; required?: boolean };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const SPEC_ID = 'https://jira-platform-v3.local/spec.json';
const AGILE_PREFIX = '/rest/agile/';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
// Formats that are only hints about number size or encoding; accept anything of the right type.
const LENIENT_FORMATS = ['int32', 'int64', 'double', 'float', 'byte', 'binary', 'url', 'password'];

// ajv-formats ships as CJS; under ESM interop the callable may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

/** The platform description in use: `JIRA_OPENAPI_SPEC` when set, else the vendored trimmed copy. */
export function specPath(): string {
  const fromEnv = process.env.JIRA_OPENAPI_SPEC;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`JIRA_OPENAPI_SPEC names ${fromEnv}, which does not exist.`);
    return resolve(fromEnv);
  }
  return platformSpecFile;
}

let cached: OpenApiValidator | undefined;

export function loadJiraSpec(): OpenApiValidator {
  if (cached !== undefined) return cached;
  const platform = createValidator(JSON.parse(readFileSync(specPath(), 'utf8')) as Spec);
  const software = createValidator(JSON.parse(readFileSync(softwareSpecFile, 'utf8')) as Spec);
  const pick = (path: string): OpenApiValidator => (path.startsWith(AGILE_PREFIX) ? software : platform);
  cached = {
    hasOperation: (method, path) => pick(path).hasOperation(method, path),
    validateResponse: (method, path, status, body) => pick(path).validateResponse(method, path, status, body),
    validateRequest: (method, path, body) => pick(path).validateRequest(method, path, body),
    // Schema names are the platform's: the Agile description defines its bodies inline.
    validateSchema: (schemaName, value) => platform.validateSchema(schemaName, value),
  };
  return cached;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Direction = 'request' | 'response';

/**
 * Rewrites an OpenAPI 3.0 schema into JSON Schema that ajv checks as OpenAPI means it.
 * `direction` decides which of readOnly/writeOnly properties stop being required.
 */
function toJsonSchema(node: Json, direction: Direction): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, direction));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'discriminator' || key === 'example' || key === 'xml' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#/') ? `${SPEC_ID}${value}` : value;
    } else if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, schema] of Object.entries(value)) props[name] = toJsonSchema(schema, direction);
      out.properties = props;
    } else if (key === 'enum' || key === 'default' || key === 'const') {
      out[key] = value;
    } else {
      out[key] = toJsonSchema(value, direction);
    }
  }
  const properties = node.properties;
  if (Array.isArray(node.required) && isObject(properties)) {
    const skip = direction === 'request' ? 'readOnly' : 'writeOnly';
    out.required = node.required.filter((name) => {
      const prop = typeof name === 'string' ? properties[name] : undefined;
      return !(isObject(prop) && prop[skip] === true);
    });
  }
  if (node.nullable === true) return nullableOf(out);
  return out;
}

function nullableOf(schema: JsonObject): JsonObject {
  const type = schema.type;
  if (typeof type === 'string' && schema.$ref === undefined && schema.allOf === undefined) {
    const widened: JsonObject = { ...schema, type: [type, 'null'] };
    if (Array.isArray(schema.enum)) widened.enum = [...schema.enum, null];
    return widened;
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

interface PathTemplate {
  template: string;
  segments: string[];
  item: Record<string, Operation>;
}

function splitPath(path: string): string[] {
  const bare = path.split('?')[0] ?? '';
  return bare.split('/').filter((segment) => segment !== '');
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function createValidator(spec: Spec): OpenApiValidator {
  const templates: PathTemplate[] = Object.entries(spec.paths).map(([template, item]) => ({
    template,
    segments: splitPath(template),
    item,
  }));
  const ajvs = new Map<Direction, Ajv>();
  const compiled = new Map<string, ValidateFunction>();

  function ajvFor(direction: Direction): Ajv {
    let ajv = ajvs.get(direction);
    if (ajv === undefined) {
      ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, validateFormats: true });
      addFormats(ajv);
      for (const format of LENIENT_FORMATS) ajv.addFormat(format, true);
      ajv.addSchema({ $id: SPEC_ID, components: { schemas: toJsonSchema(spec.components.schemas, direction) } });
      ajvs.set(direction, ajv);
    }
    return ajv;
  }

  function validatorFor(cacheKey: string, schema: Json, direction: Direction): ValidateFunction {
    let fn = compiled.get(cacheKey);
    if (fn === undefined) {
      fn = ajvFor(direction).compile(toJsonSchema(schema, direction) as JsonObject);
      compiled.set(cacheKey, fn);
    }
    return fn;
  }

  /** The operation for a concrete path; literal segments beat templated ones, left to right. */
  function findOperation(method: string, path: string): { template: string; operation: Operation } | undefined {
    const segments = splitPath(path);
    const verb = method.toLowerCase();
    let best: { template: string; operation: Operation; score: string } | undefined;
    for (const candidate of templates) {
      if (candidate.segments.length !== segments.length) continue;
      const operation = candidate.item[verb];
      if (operation === undefined || !HTTP_METHODS.has(verb)) continue;
      let score = '';
      let matches = true;
      for (const [index, segment] of candidate.segments.entries()) {
        if (isParam(segment)) {
          score += '0';
        } else if (segment === segments[index]) {
          score += '1';
        } else {
          matches = false;
          break;
        }
      }
      if (matches && (best === undefined || score > best.score)) best = { template: candidate.template, operation, score };
    }
    return best;
  }

  function check(fn: ValidateFunction, body: unknown): ValidationResult {
    if (fn(body)) return { ok: true };
    const errors = (fn.errors ?? []).map((error) => {
      const where = error.instancePath === '' ? '/' : error.instancePath;
      const extra = typeof error.params.additionalProperty === 'string' ? ` (${error.params.additionalProperty})` : '';
      return `${where} ${error.message ?? 'is invalid'}${extra}`;
    });
    return { ok: false, errors: [...new Set(errors)] };
  }

  function jsonSchemaOf(content: Record<string, MediaType> | undefined): Json | undefined {
    if (content === undefined) return undefined;
    const media = content['application/json'] ?? Object.values(content)[0];
    return media?.schema;
  }

  function isEmptySchema(schema: Json | undefined): boolean {
    return schema === undefined || (isObject(schema) && Object.keys(schema).length === 0);
  }

  return {
    hasOperation(method, path) {
      return findOperation(method, path) !== undefined;
    },

    validateResponse(method, path, status, body) {
      const found = findOperation(method, path);
      if (found === undefined) return { ok: false, errors: [`no operation ${method.toUpperCase()} ${path} in the spec`] };
      const responses = found.operation.responses ?? {};
      const response = responses[String(status)] ?? responses[`${String(status)[0] ?? ''}XX`] ?? responses.default;
      if (response === undefined) {
        return { ok: false, errors: [`status ${status} is not documented for ${method.toUpperCase()} ${found.template}`] };
      }
      const schema = jsonSchemaOf(response.content);
      if (isEmptySchema(schema)) return { ok: true };
      const key = `response ${method.toLowerCase()} ${found.template} ${status}`;
      return check(validatorFor(key, schema as Json, 'response'), body);
    },

    validateSchema(schemaName, value) {
      if (!(schemaName in spec.components.schemas)) return { ok: false, errors: [`no schema ${schemaName} in the spec`] };
      return check(validatorFor(`schema ${schemaName}`, { $ref: `#/components/schemas/${schemaName}` }, 'response'), value);
    },

    validateRequest(method, path, body) {
      const found = findOperation(method, path);
      if (found === undefined) return { ok: false, errors: [`no operation ${method.toUpperCase()} ${path} in the spec`] };
      const requestBody = found.operation.requestBody;
      if (requestBody === undefined) {
        return body === undefined ? { ok: true } : { ok: false, errors: [`${method.toUpperCase()} ${found.template} takes no request body`] };
      }
      if (body === undefined) {
        return requestBody.required === true ? { ok: false, errors: ['/ request body is required'] } : { ok: true };
      }
      const schema = jsonSchemaOf(requestBody.content);
      if (isEmptySchema(schema)) return { ok: true };
      const key = `request ${method.toLowerCase()} ${found.template}`;
      return check(validatorFor(key, schema as Json, 'request'), body);
    },
  };
}
