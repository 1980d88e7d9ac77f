/**
 * Mapping results. Mappings are total: they return a value or a typed error that
 * names the record and the field, and never throw on bad input.
 */

export interface MappingIssue {
  /** Dotted path of the offending field in the vendor record, e.g. `OrderTotal.Amount` or `items[2].ItemPrice.Amount`. */
  readonly field: string;
  readonly message: string;
  /** The offending value, when it is short enough to show. */
  readonly value?: unknown;
}

export class MappingError extends Error {
  override readonly name = 'MappingError';
  constructor(
    /** Vendor record kind, e.g. `amazon.order`. */
    readonly recordType: string,
    /** The record's vendor identifier, when it could be read. */
    readonly recordId: string | undefined,
    readonly issues: readonly MappingIssue[],
  ) {
    super(
      `${recordType} ${recordId ?? '(unknown id)'}: ` +
        issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    );
  }

  /** The first offending field; dead letters index on it. */
  get field(): string {
    return this.issues[0]?.field ?? '';
  }

  toJSON(): { recordType: string; recordId: string | undefined; issues: readonly MappingIssue[]; message: string } {
    return { recordType: this.recordType, recordId: this.recordId, issues: this.issues, message: this.message };
  }
}

export type MappingResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MappingError };

export const ok = <T>(value: T): MappingResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: MappingError): MappingResult<T> => ({ ok: false, error });
