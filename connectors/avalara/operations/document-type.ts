/** The optional `documentType` query parameter of the per-transaction operations. */
import { avalaraInvalidRequest } from '../errors.js';
import type { AvalaraDocumentType } from '../schemas.js';

export function requireDocumentType(
  operation: string,
  documentType: AvalaraDocumentType | undefined,
  allowed: readonly AvalaraDocumentType[],
): AvalaraDocumentType | undefined {
  if (documentType === undefined) return undefined;
  if (!allowed.includes(documentType)) throw avalaraInvalidRequest(operation, `documentType must be one of ${allowed.join(', ')}`);
  return documentType;
}
