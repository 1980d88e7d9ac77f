/**
 * FedEx's error reply (ErrorResponseVO): a transactionId, the caller's customerTransactionId
 * echoed, and errors[] of {code, message, parameterList?}. The codes are the models' own
 * examples (NOT.AUTHORIZED.ERROR, ACCOUNT.NUMBER.MISMATCH, TRACKING.TRACKINGNUMBER.EMPTY …);
 * where a model has none, the code says so in its comment.
 */

export interface FedexErrorItem {
  code: string;
  message: string;
  parameterList?: { key: string; value: string }[];
}

export class FedexError extends Error {
  readonly errors: FedexErrorItem[];
  constructor(
    readonly status: number,
    code: string,
    message: string,
    /** The field at fault, as FedEx names it in parameterList. */
    field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.errors = [{ code, message, ...(field !== undefined ? { parameterList: [{ key: 'FIELD', value: field }] } : {}) }];
  }
}

export const NOT_AUTHORIZED_EXPIRED = 'Access token expired. Please modify your request and try again.';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field FedEx's validation refuses: 400 INVALID.INPUT.EXCEPTION naming the JSON path. */
export function invalidInput(field: string, problem = 'is required'): FedexError {
  return new FedexError(400, 'INVALID.INPUT.EXCEPTION', `Invalid field value in the input: ${field} ${problem}.`, field);
}

/** Walks a dotted path ("requestedShipment.shipper.address") to an object, or refuses naming it (after `root`'s own path, if given). */
export function objectAt(root: unknown, path: string, rootPath?: string): Record<string, unknown> {
  let node: unknown = root;
  for (const key of path.split('.')) {
    node = isRecord(node) ? node[key] : undefined;
  }
  if (!isRecord(node)) throw invalidInput(rootPath === undefined ? path : `${rootPath}.${path}`);
  return node;
}

export function stringAt(parent: Record<string, unknown>, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string' || value === '') throw invalidInput(`${path}.${key}`);
  return value;
}

export function numberAt(parent: Record<string, unknown>, key: string, path: string, minimum = 0): number {
  const value = parent[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidInput(`${path}.${key}`);
  if (value < minimum) throw invalidInput(`${path}.${key}`, `must be at least ${minimum}`);
  return value;
}

export function arrayAt(parent: Record<string, unknown>, key: string, path: string): unknown[] {
  const value = parent[key];
  if (!Array.isArray(value) || value.length === 0) throw invalidInput(`${path}.${key}`);
  return value;
}
