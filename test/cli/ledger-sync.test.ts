/**
 * `caravan ledger sync|settlements` and the ledger Schedules: the workflow each starts (type, id
 * from temporal.config.ts, input, tenant/channel/flow search attributes), the period read from
 * --from/--to, the summary printed, connections that cannot serve refused by name; and the
 * `ledger:` / `settlements:` sections of a connection becoming Schedules.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { formatLedgerSync, ledgerInstant, ledgerSettlementsCommand, ledgerSyncCommand } from '../../cli/commands/ledger-sync.js';
import { desiredSchedules, scheduleOptions } from '../../cli/commands/schedules.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { searchAttributeKeys } from '../../temporal.config.js';
import type { PaymentLedgerSyncResult } from '../../workflows/payment-ledger-sync.js';

const amazon = (extra: Record<string, unknown> = {}) => ({
  vendor: 'amazon',
  settings: { region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] },
  secrets: { clientId: { env: 'A' }, clientSecret: { env: 'B' }, refreshToken: { env: 'C' } },
  ...extra,
});
const paypal = (extra: Record<string, unknown> = {}) => ({ vendor: 'paypal', settings: {}, secrets: { clientId: { env: 'P' }, clientSecret: { env: 'Q' } }, ...extra });
const config = parseTenantsConfig(
  {
    tenants: {
      acme: {
        connections: {
          paypal: paypal({ ledger: { schedule: { every: '6h' } } }),
          'amazon-eu': amazon({ settlements: { schedule: { every: '12h', paused: true }, lookback: '20d' }, ledger: { schedule: { every: '1d' }, lookback: '36h' } }),
          dhl: { vendor: 'dhl', settings: { environment: 'test', accountNumber: '123456789' }, secrets: { username: { env: 'D' }, password: { env: 'E' } } },
        },
      },
    },
  },
  {},
);

interface Start {
  type: string;
  options: { workflowId: string; taskQueue: string; args: unknown[]; typedSearchAttributes: { key: { name: string }; value: unknown }[]; staticSummary?: string };
}

/** A Temporal client that records starts and answers `result` with the given value; `running` ids are already started. */
function fakeClient(result: unknown, running: string[] = []): { client: Client; starts: Start[] } {
  const starts: Start[] = [];
  const handle = (workflowId: string) => ({ workflowId, firstExecutionRunId: `run-of-${workflowId}`, result: async () => result, describe: async () => ({ runId: 'run-0' }) });
  const client = {
    workflow: {
      async start(type: string, options: Start['options']) {
        if (running.includes(options.workflowId)) throw new WorkflowExecutionAlreadyStartedError('already started', options.workflowId, type);
        starts.push({ type, options });
        return handle(options.workflowId);
      },
      getHandle: handle,
    },
  } as unknown as Client;
  return { client, starts };
}

const attributes = (s: Start) => Object.fromEntries(s.options.typedSearchAttributes.map((a) => [a.key.name, a.value]));

const RESULT: PaymentLedgerSyncResult = { pages: 2, records: 140, lines: 151, inserted: 151, updated: 0, unchanged: 0, failed: 0, unconverted: 0, coveredTo: '2026-03-01T00:00:00.000Z' };

describe('caravan ledger sync', () => {
  it('starts paymentLedgerSync for the days given (--to inclusive), with its search attributes, and prints what it imported', async () => {
    const { client, starts } = fakeClient(RESULT);
    const out: string[] = [];
    const r = await ledgerSyncCommand(client, config, { tenant: 'acme', channel: 'paypal', from: '2026-02-01', to: '2026-02-28', taskQueue: 'q' }, (l) => out.push(l));
    expect(r).toEqual(RESULT);
    const id = 'payment-ledger-sync/acme/paypal/2026-02-01T00:00:00.000Z..2026-03-01T00:00:00.000Z';
    expect(starts.map((s) => [s.type, s.options.workflowId, s.options.taskQueue, s.options.args])).toEqual([
      ['paymentLedgerSync', id, 'q', [{ tenant: 'acme', connection: 'paypal', from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' }]],
    ]);
    expect(attributes(starts[0]!)).toEqual({ [searchAttributeKeys.tenant.name]: 'acme', [searchAttributeKeys.channel.name]: 'paypal', [searchAttributeKeys.flow.name]: 'payment-ledger-sync' });
    expect(out.join('\n').split('\n')).toEqual([
      `started: ${id} (run run-of-${id})`,
      'paypal 2026-02-01T00:00:00.000Z → 2026-03-01T00:00:00.000Z: 140 transaction(s) in 2 page(s), 151 ledger line(s): 151 new, 0 updated, 0 already there',
      'covered to 2026-03-01T00:00:00.000Z',
    ]);
  });

  it('--no-wait returns after the start; a run of the same period going is attached to', async () => {
    const { client, starts } = fakeClient(RESULT, ['payment-ledger-sync/acme/amazon-eu/2026-02-01T00:00:00.000Z..2026-02-02T12:00:00.000Z']);
    const out: string[] = [];
    expect(await ledgerSyncCommand(client, config, { tenant: 'acme', channel: 'amazon-eu', from: '2026-02-01', to: '2026-02-02T12:00:00Z', wait: false }, (l) => out.push(l))).toBeUndefined();
    expect(starts).toEqual([]);
    expect(out).toEqual(['already running: payment-ledger-sync/acme/amazon-eu/2026-02-01T00:00:00.000Z..2026-02-02T12:00:00.000Z (run run-0)']);
  });

  it('says where the source stopped short of --to, and what did not map', () => {
    const text = formatLedgerSync('paypal', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', { ...RESULT, coveredTo: '2026-02-28T21:00:00.000Z', failed: 1, firstFailure: 'paypal.transaction 9X: fee_amount: bad' });
    expect(text).toContain('covered to 2026-02-28T21:00:00.000Z (the source has no later data yet: the next run starts there)');
    expect(text).toContain('1 record(s) do not map, e.g. paypal.transaction 9X: fee_amount: bad');
  });

  it('refuses a connection that is no payment ledger source, an unknown one, and a bad period, before starting anything', async () => {
    const { client, starts } = fakeClient(RESULT);
    const run = (o: Partial<Parameters<typeof ledgerSyncCommand>[2]>) => ledgerSyncCommand(client, config, { tenant: 'acme', channel: 'paypal', ...o }, () => undefined);
    await expect(run({ channel: 'dhl' })).rejects.toThrow('channel "dhl" of tenant "acme" is a dhl connection, no paymentLedgerSource (amazon, stripe, paypal): the tenant\'s that are: paypal, amazon-eu');
    await expect(run({ channel: 'stripe' })).rejects.toThrow(/has no channel "stripe"/);
    await expect(run({ tenant: 'globex' })).rejects.toThrow(/unknown tenant "globex"/);
    await expect(run({ from: '2026-02-30' })).rejects.toThrow('--from "2026-02-30" is not a date');
    await expect(run({ from: '2026-03-02', to: '2026-03-01' })).rejects.toThrow('is not before --to');
    await expect(run({ to: 'yesterday' })).rejects.toThrow('--to "yesterday" is neither a date YYYY-MM-DD nor an ISO 8601 time');
    expect(starts).toEqual([]);
  });

  it('reads a day as its UTC midnight; as --to, the midnight after it', () => {
    expect([ledgerInstant('--from', '2026-03-01', false), ledgerInstant('--to', '2026-03-01', true), ledgerInstant('--to', '2026-03-01T10:00:00+01:00', true)]).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-01T09:00:00.000Z',
    ]);
  });
});

describe('caravan ledger settlements', () => {
  it('starts settlementsImport for an Amazon connection under its id, and prints the reports imported', async () => {
    const { client, starts } = fakeClient({ reports: 2, lines: 310, inserted: 300, updated: 0, unchanged: 10, failedLines: 0, unconverted: 0, failedReports: [], passes: 1, createdSince: '2026-02-20T08:00:00Z' });
    const out: string[] = [];
    await ledgerSettlementsCommand(client, config, { tenant: 'acme', channel: 'amazon-eu', since: '2026-01-01' }, (l) => out.push(l));
    expect(starts.map((s) => [s.type, s.options.workflowId, s.options.args, attributes(s)])).toEqual([
      [
        'settlementsImport',
        'settlements-import/acme/amazon-eu',
        [{ tenant: 'acme', connection: 'amazon-eu', createdSince: '2026-01-01T00:00:00.000Z' }],
        { [searchAttributeKeys.tenant.name]: 'acme', [searchAttributeKeys.channel.name]: 'amazon-eu', [searchAttributeKeys.flow.name]: 'settlements-import' },
      ],
    ]);
    expect(out.slice(1).join('\n').split('\n')).toEqual(['amazon-eu: 2 settlement report(s), 310 ledger line(s): 300 new, 0 updated, 10 already there', 'newest report created 2026-02-20T08:00:00Z']);
  });

  it('refuses a connection without settlement reports', async () => {
    const { client } = fakeClient(undefined);
    await expect(ledgerSettlementsCommand(client, config, { tenant: 'acme', channel: 'paypal' }, () => undefined)).rejects.toThrow('is a paypal connection, no reportSource (amazon)');
  });
});

describe('ledger Schedules from the tenants file', () => {
  it('one per `ledger:` and `settlements:` section, named like the flows, with the look-back', () => {
    expect(desiredSchedules(config).filter((d) => d.kind === 'ledger' || d.kind === 'settlements')).toEqual([
      { kind: 'ledger', scheduleId: 'payment-ledger-sync/acme/paypal', tenant: 'acme', channel: 'paypal', flow: 'payment-ledger-sync', every: '6h', lookback: '3d', paused: false },
      { kind: 'ledger', scheduleId: 'payment-ledger-sync/acme/amazon-eu', tenant: 'acme', channel: 'amazon-eu', flow: 'payment-ledger-sync', every: '1d', lookback: '36h', paused: false },
      { kind: 'settlements', scheduleId: 'settlements-import/acme/amazon-eu', tenant: 'acme', channel: 'amazon-eu', flow: 'settlements-import', every: '12h', lookback: '20d', paused: true },
    ]);
  });

  it('each Schedule starts its workflow with the connection and the look-back in hours, and the search attributes', () => {
    const actions = desiredSchedules(config)
      .filter((d) => d.kind === 'ledger' || d.kind === 'settlements')
      .map((d) => scheduleOptions(d, 'q').action as { workflowType: string; workflowId: string; args: unknown[]; taskQueue: string; typedSearchAttributes: { key: { name: string }; value: unknown }[] });
    expect(actions.map((a) => [a.workflowType, a.workflowId, a.args, a.taskQueue, Object.fromEntries(a.typedSearchAttributes.map((x) => [x.key.name, x.value]))])).toEqual([
      ['paymentLedgerSync', 'payment-ledger-sync/acme/paypal/scheduled', [{ tenant: 'acme', connection: 'paypal', lookbackHours: 72 }], 'q', { CaravanTenant: 'acme', CaravanChannel: 'paypal', CaravanFlow: 'payment-ledger-sync' }],
      ['paymentLedgerSync', 'payment-ledger-sync/acme/amazon-eu/scheduled', [{ tenant: 'acme', connection: 'amazon-eu', lookbackHours: 36 }], 'q', { CaravanTenant: 'acme', CaravanChannel: 'amazon-eu', CaravanFlow: 'payment-ledger-sync' }],
      ['settlementsImport', 'settlements-import/acme/amazon-eu/scheduled', [{ tenant: 'acme', connection: 'amazon-eu', lookbackHours: 480 }], 'q', { CaravanTenant: 'acme', CaravanChannel: 'amazon-eu', CaravanFlow: 'settlements-import' }],
    ]);
  });

  it('refuses the sections where the vendor cannot serve them, and a bad look-back, naming the field', () => {
    expect(() => parseTenantsConfig({ tenants: { acme: { connections: { paypal: paypal({ settlements: { schedule: { every: '1d' } } }) } } } }, {})).toThrow(/settlements.*paypal is no reportSource/s);
    expect(() => parseTenantsConfig({ tenants: { acme: { connections: { paypal: paypal({ ledger: { schedule: { every: '1d' }, lookback: '2w' } }) } } } }, {})).toThrow(/ledger\.lookback/);
  });
});
