/**
 * MyDHL's error body (supermodelIoLogisticsExpressErrorResponse): instance, detail, title,
 * message and the status as text ("422"). A 422 is a schema violation whose detail names
 * the field as a JSON pointer ("#/content/exportDeclaration/lineItems/0: required key
 * [quantity] not found"); a 400 breaks a business rule, its detail starting with DHL's
 * numeric code where the model shows one ("998: …").
 */

export type DhlProblemStatus = 400 | 401 | 404 | 422 | 429;

const TITLES: Readonly<Record<DhlProblemStatus, readonly [title: string, message: string]>> = {
  400: ['Bad request', 'Bad request'],
  401: ['Unauthorized', 'Unauthorized'],
  404: ['Not data found', 'Not data found'],
  422: ['Validation error', 'Unprocessable Entity'],
  429: ['Too Many Requests', 'Too Many Requests'],
};

/** A request the sandbox refuses, as MyDHL would. */
export class DhlProblem extends Error {
  constructor(
    readonly status: DhlProblemStatus,
    readonly detail: string,
    /** Where the description gives an operation its own title ("Pickup not found"). */
    readonly title?: string,
  ) {
    super(detail);
  }
}

export interface DhlProblemBody {
  instance: string;
  detail: string;
  title: string;
  message: string;
  status: string;
}

export function problemBody(problem: DhlProblem, instance: string): DhlProblemBody {
  const [title, message] = TITLES[problem.status];
  return { instance, detail: problem.detail, title: problem.title ?? title, message, status: String(problem.status) };
}

/** "#/a/b: required key [c] not found", DHL's schema-validation wording. */
export function missing(pointer: string, key: string): DhlProblem {
  return new DhlProblem(422, `${pointer}: required key [${key}] not found`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `pointer`, or a 422 naming it: a required key or an object where one is due. */
export function requireObject(parent: Record<string, unknown>, key: string, pointer: string): Record<string, unknown> {
  const value = parent[key];
  if (value === undefined) throw missing(pointer, key);
  if (!isRecord(value)) throw new DhlProblem(422, `${pointer}/${key}: expected type: JSONObject, found: ${Array.isArray(value) ? 'JSONArray' : typeof value}`);
  return value;
}

export function requireArray(parent: Record<string, unknown>, key: string, pointer: string): unknown[] {
  const value = parent[key];
  if (value === undefined) throw missing(pointer, key);
  if (!Array.isArray(value)) throw new DhlProblem(422, `${pointer}/${key}: expected type: JSONArray, found: ${typeof value}`);
  if (value.length === 0) throw new DhlProblem(422, `${pointer}/${key}: expected minimum item count: 1, found: 0`);
  return value;
}

export function requireString(parent: Record<string, unknown>, key: string, pointer: string): string {
  const value = parent[key];
  if (value === undefined) throw missing(pointer, key);
  if (typeof value !== 'string') throw new DhlProblem(422, `${pointer}/${key}: expected type: String, found: ${typeof value}`);
  return value;
}

export function requireNumber(parent: Record<string, unknown>, key: string, pointer: string, minimum?: number): number {
  const value = parent[key];
  if (value === undefined) throw missing(pointer, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DhlProblem(422, `${pointer}/${key}: expected type: Number, found: ${typeof value}`);
  if (minimum !== undefined && value < minimum) throw new DhlProblem(422, `${pointer}/${key}: ${value} is not greater or equal to ${minimum}`);
  return value;
}

export function requireBoolean(parent: Record<string, unknown>, key: string, pointer: string): boolean {
  const value = parent[key];
  if (value === undefined) throw missing(pointer, key);
  if (typeof value !== 'boolean') throw new DhlProblem(422, `${pointer}/${key}: expected type: Boolean, found: ${typeof value}`);
  return value;
}
