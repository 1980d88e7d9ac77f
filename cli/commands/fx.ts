/**
 * `caravan fx convert|refresh|backfill`: explained conversions, and the durable refresh
 * of a rate source through Temporal.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createFxService, fxSourceOrigin } from '../../activities/fx.js';
import { ECB_DEFAULT_BASE_URL, XE_DEFAULT_BASE_URL } from '../../connectors/fx/index.js';
import type { FetchFxRatesResult } from '../../activities/fx-types.js';
import { convert, type ConvertPolicy } from '../../engines/fx/index.js';
import { ROUNDING_MODES, type RoundingMode } from '../../mappings/canonical/decimal.js';
import { isCurrencyCode, parseDecimalMoney, formatMoney, type Conversion } from '../../mappings/canonical/index.js';
import { FLOWS, fxBackfillWorkflowId, fxRefreshWorkflowId, searchAttributeKeys, TASK_QUEUES } from '../../temporal.config.js';
import type { Logger } from '../../worker/logger.js';
import type { TenantsConfig } from '../../config/tenants-config.js';
import type { fxBackfill, fxRefresh } from '../../workflows/fx-refresh.js';
import { CliError } from '../output.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function explainConversion(c: Conversion): string {
  const lines = [
    `${formatMoney(c.from)} ${c.from.currency} = ${formatMoney(c.amount)} ${c.amount.currency}`,
    `  rate      1 ${c.from.currency} = ${c.rate} ${c.amount.currency} (${c.method}${c.method === 'cross' ? ` through ${c.rates[0]?.base}` : ''})`,
    `  source    ${c.source}, published for ${c.rateDate}${c.fallback ? ` — requested ${c.requestedDate}: ${c.fallback.reason}, ${c.fallback.daysBack} day(s) back` : ''}`,
  ];
  for (const r of c.rates) lines.push(`  published 1 ${r.base} = ${r.rate} ${r.quote} (${r.source}, ${r.date})`);
  lines.push(`  rounding  ${c.rounding} to the ${c.amount.currency} exponent`);
  return lines.join('\n');
}

export async function fxConvertCommand(
  deps: { db: Knex; config: TenantsConfig; logger: Logger },
  args: { amount: string; from: string; to: string; date?: string; source?: string; rounding?: string; json?: boolean },
): Promise<string> {
  const from = args.from.toUpperCase();
  const to = args.to.toUpperCase();
  for (const [name, code] of [['FROM', from], ['TO', to]] as const) {
    if (!isCurrencyCode(code)) throw new CliError(`${name} "${code}" is not an ISO 4217 currency code`);
  }
  const money = parseDecimalMoney(args.amount, from);
  if (!money.ok) throw new CliError(`AMOUNT: ${money.message}`);
  const date = args.date ?? new Date().toISOString().slice(0, 10);
  if (!DATE.test(date)) throw new CliError(`--date "${date}" must be YYYY-MM-DD`);
  const rounding = (args.rounding ?? 'half-even') as RoundingMode;
  if (!ROUNDING_MODES.includes(rounding)) throw new CliError(`--rounding must be one of ${ROUNDING_MODES.join(', ')}`);
  const source = args.source ?? deps.config.fx.default;
  if (!deps.config.fx.sources[source]) {
    throw new CliError(`--source "${source}" is not configured (fx.sources: ${Object.keys(deps.config.fx.sources).join(', ')})`);
  }

  const fx = createFxService({ db: deps.db, config: deps.config, logger: deps.logger });
  let table;
  try {
    table = await fx.rateTableFor(date, { source });
  } catch (e) {
    const message = (e as Error).message;
    // Offline: say how to get rates without the internet.
    const offline = /network error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(message)
      ? `\n  (no connection to the source: point CARAVAN_ECB_URL at a mirror or, to try Caravan with synthetic rates, start the offline stand-in: npm run sandbox -- --fx-port 8711, then CARAVAN_ECB_URL=http://127.0.0.1:8711)`
      : '';
    throw new CliError(`cannot read ${source} rates for ${date}: ${message}${offline}`, 1);
  }
  const policy: ConvertPolicy = { table, source, rounding };
  const r = convert(money.money, to, date, policy);
  if (!r.ok) throw new CliError(`${r.error.message}${table.fetched ? '' : ` (run \`caravan fx refresh\` or \`caravan fx backfill\` for ${source})`}`, 1);
  if (args.json) return JSON.stringify(r.conversion, null, 2);
  const cfg = deps.config.fx.sources[source]!;
  const origin = fxSourceOrigin(cfg);
  const own = cfg.vendor === 'ecb' ? ECB_DEFAULT_BASE_URL : XE_DEFAULT_BASE_URL;
  const text = explainConversion(r.conversion);
  return origin === own ? text : `${text}\n  read from ${origin} (not ${own}: a mirror or a stand-in)`;
}

function refreshStartOptions(source: string) {
  return {
    taskQueue: TASK_QUEUES.sync,
    typedSearchAttributes: [
      { key: searchAttributeKeys.channel, value: source },
      { key: searchAttributeKeys.flow, value: FLOWS.fxRefresh },
    ],
  };
}

export async function fxRefreshCommand(client: Client, config: TenantsConfig, opts: { source?: string; taskQueue?: string }): Promise<FetchFxRatesResult> {
  const source = opts.source ?? config.fx.default;
  if (!config.fx.sources[source]) throw new CliError(`--source "${source}" is not configured (fx.sources: ${Object.keys(config.fx.sources).join(', ')})`);
  const workflowId = fxRefreshWorkflowId(source);
  try {
    const handle = await client.workflow.start<typeof fxRefresh>('fxRefresh', {
      ...refreshStartOptions(source),
      ...(opts.taskQueue ? { taskQueue: opts.taskQueue } : {}),
      workflowId,
      args: [{ source }],
      staticSummary: `Refresh ${source} rates`,
    });
    return await handle.result();
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    return client.workflow.getHandle<typeof fxRefresh>(workflowId).result();
  }
}

export async function fxBackfillCommand(
  client: Client,
  config: TenantsConfig,
  opts: { source?: string; from: string; to: string; taskQueue?: string },
): Promise<FetchFxRatesResult> {
  const source = opts.source ?? config.fx.default;
  const cfg = config.fx.sources[source];
  if (!cfg) throw new CliError(`--source "${source}" is not configured (fx.sources: ${Object.keys(config.fx.sources).join(', ')})`);
  if (!DATE.test(opts.from) || !DATE.test(opts.to) || opts.from > opts.to) throw new CliError('--from and --to must be dates YYYY-MM-DD, from ≤ to');
  const days = Math.round((Date.parse(opts.to) - Date.parse(opts.from)) / 86_400_000) + 1;
  // ECB serves a range from one file: one activity reads it once. XE answers a date per call.
  const chunkDays = cfg.vendor === 'ecb' ? days : 31;
  const handle = await client.workflow.start<typeof fxBackfill>('fxBackfill', {
    taskQueue: opts.taskQueue ?? TASK_QUEUES.sync,
    workflowId: fxBackfillWorkflowId(source, opts.from, opts.to),
    args: [{ source, from: opts.from, to: opts.to, chunkDays }],
    typedSearchAttributes: [
      { key: searchAttributeKeys.channel, value: source },
      { key: searchAttributeKeys.flow, value: FLOWS.fxBackfill },
    ],
    staticSummary: `Backfill ${source} rates ${opts.from} → ${opts.to}`,
  });
  return handle.result();
}

export function formatFxResult(r: FetchFxRatesResult): string {
  return `${r.source}: read ${r.feed}: ${r.dates} date(s) ${r.firstDate ?? ''}${r.lastDate && r.lastDate !== r.firstDate ? ` → ${r.lastDate}` : ''}, ${r.rates} rates (${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged)`;
}
