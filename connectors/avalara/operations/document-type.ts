/** The optional `documentType` query parameter of the per-transaction operations. */
import { refuse, siteOf } from '../../http/request-checks.js';
import { AVALARA } from '../config.js';
import type { AvalaraDocumentType } from '../schemas.js';

export function requireDocumentType(
  operation: string,
  documentType: AvalaraDocumentType | undefined,
  allowed: readonly AvalaraDocumentType[],
): AvalaraDocumentType | undefined {
  if (documentType === undefined) return undefined;
  if (!allowed.includes(documentType)) throw refuse(siteOf(AVALARA, operation), `documentType must be one of ${allowed.join(', ')}`);
  return documentType;
}
