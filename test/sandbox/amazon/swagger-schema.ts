/**
 * A small validator for the Swagger 2.0 schema subset ordersV0.json uses ($ref, type,
 * required, enum, properties, items). It is stricter than the model in one way: a
 * property the model does not define is reported, so a misspelt field name fails.
 */
import { readFileSync } from 'node:fs';

interface Schema {
  $ref?: string;
  type?: string;
  required?: string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
}

interface Operation {
  responses: Record<string, { schema?: Schema; headers?: Record<string, unknown> }>;
}

export interface SwaggerModel {
  definitions: Record<string, Schema>;
  paths: Record<string, Record<string, Operation>>;
}

// The official model, shared with the contract tests (origin in test/fixtures/amazon/models/SOURCE.md).
export const ORDERS_V0: SwaggerModel = JSON.parse(
  readFileSync(new URL('../../fixtures/amazon/models/ordersV0.json', import.meta.url), 'utf8'),
) as SwaggerModel;

function resolve(model: SwaggerModel, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/definitions/', '');
  const target = model.definitions[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(model, target);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function validate(model: SwaggerModel, schemaIn: Schema, value: unknown, path = '$'): string[] {
  const schema = resolve(model, schemaIn);
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type) {
    const ok = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!ok) return [`${path}: expected ${schema.type}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (actual === 'object' && (schema.type === 'object' || schema.properties)) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${path}: missing required ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      const prop = schema.properties?.[k];
      if (prop) errors.push(...validate(model, prop, v, `${path}.${k}`));
      else if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
        errors.push(`${path}: property ${k} is not in the model`);
      }
    }
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((v, i) => errors.push(...validate(model, schema.items as Schema, v, `${path}[${i}]`)));
  }
  return errors;
}

/** Validates a response body against `paths[path].get.responses[status].schema`. */
export function validateResponse(path: string, status: number, body: unknown): string[] {
  const response = ORDERS_V0.paths[path]?.get?.responses[String(status)];
  if (!response?.schema) return [`no schema for GET ${path} ${status}`];
  return validate(ORDERS_V0, response.schema, body);
}

export function definition(name: string): Schema {
  const d = ORDERS_V0.definitions[name];
  if (!d) throw new Error(`no definition ${name}`);
  return d;
}

/** Response headers the model declares for GET `path` and `status`. */
export function declaredHeaders(path: string, status: number): string[] {
  return Object.keys(ORDERS_V0.paths[path]?.get?.responses[String(status)]?.headers ?? {});
}

/** Another official model from test/fixtures/amazon/models (see its SOURCE.md). */
export function loadModel(file: string): SwaggerModel {
  return JSON.parse(readFileSync(new URL(`../../fixtures/amazon/models/${file}`, import.meta.url), 'utf8')) as SwaggerModel;
}

/** Validates a response body against `paths[path][method].responses[status].schema` of `model`. */
export function validateModelResponse(model: SwaggerModel, method: string, path: string, status: number, body: unknown): string[] {
  const response = model.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  if (!response?.schema) return [`no schema for ${method} ${path} ${status}`];
  return validate(model, response.schema, body);
}
