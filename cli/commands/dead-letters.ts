/** `caravan dead-letters list`: records a sync could not import, with the field at fault. */
import type { Knex } from 'knex';
import { listDeadLetters } from '../../store/index.js';
import { table } from '../output.js';

export async function deadLettersListCommand(
  db: Knex,
  opts: { tenant?: string; channel?: string; flow?: string; all?: boolean; limit?: number; json?: boolean },
): Promise<string> {
  const rows = await listDeadLetters(db, {
    ...(opts.tenant ? { tenant: opts.tenant } : {}),
    ...(opts.channel ? { channel: opts.channel } : {}),
    ...(opts.flow ? { flow: opts.flow } : {}),
    includeResolved: !!opts.all,
    limit: opts.limit ?? 50,
  });
  if (opts.json) return JSON.stringify(rows, null, 2);
  if (rows.length === 0) return 'no dead letters';
  return table(
    ['ID', 'TENANT', 'CHANNEL', 'RECORD', 'EXTERNAL ID', 'FIELD', 'KIND', 'SEEN', 'LAST SEEN (UTC)', 'MESSAGE'],
    rows.map((d) => [
      d.id,
      d.tenant,
      d.channel,
      d.recordType,
      d.externalId ?? '',
      d.field,
      d.errorKind,
      d.occurrences,
      d.lastSeenAt.replace('T', ' ').replace(/\.\d{3}Z$/, '').replace(/Z$/, ''),
      d.message.length > 100 ? `${d.message.slice(0, 97)}...` : d.message,
    ]),
  );
}
