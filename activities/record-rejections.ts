/**
 * A vendor record the hub could not take, named by its kind, its id and the field at
 * fault: the one builder of rejections for every record mapper and the import activity.
 */

export interface RecordRejection {
  recordType: string;
  externalId?: string;
  /** First offending field, e.g. `items[1].ItemPrice.Amount`. */
  field: string;
  /** `schema`: the wire shape is wrong; `mapping`: the values cannot be mapped. */
  errorKind: 'schema' | 'mapping';
  message: string;
  issues: { field: string; message: string }[];
}

/** `amazon.order 306-…: items[0].ItemPrice.Amount: "19,99" is not a decimal amount` (the record, the field, the problem). */
export function recordRejection(
  recordType: string,
  externalId: string | undefined,
  errorKind: RecordRejection['errorKind'],
  issues: { field: string; message: string }[],
): RecordRejection {
  const head = `${recordType} ${externalId ?? '(unknown id)'}`;
  return {
    recordType,
    ...(externalId ? { externalId } : {}),
    field: issues[0]?.field ?? '',
    errorKind,
    message: `${head}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    issues,
  };
}

/** A schema rejection of one record from zod issues, their paths under `prefix` ('' for none): the field named is the first issue's. */
export function schemaRejection(
  recordType: string,
  externalId: string | undefined,
  prefix: string,
  zodIssues: readonly { path: readonly PropertyKey[]; message: string }[],
): RecordRejection {
  const issues = zodIssues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(root)', message: i.message }));
  return recordRejection(recordType, externalId, 'schema', issues);
}
