/**
 * The tenants file's `reconcile:` section: rules to the engine's (tolerances to minor units of
 * their currency, bankGraceDays and orderGraceHours kept), errors named where the file says
 * them, and the nightly Schedule `caravan schedules apply` derives from it.
 */
import { describe, expect, it } from 'vitest';
import { desiredSchedules } from '../../cli/commands/schedules.js';
import { reconcileRulesOf } from '../../config/reconcile.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';

const withReconcile = (reconcile: unknown) => parseTenantsConfig({ tenants: { acme: { connections: {}, reconcile } } }, {});

describe('tenants file: reconcile', () => {
  it('turns the file rules into the engine rules', () => {
    const config = withReconcile({
      schedule: { cron: '30 5 * * *' },
      rules: {
        feeRules: [{ source: 'stripe', currency: 'EUR', percent: '1.5', fixedMinor: 25 }, { source: 'amazon', currency: 'JPY', percent: '10', feeTypes: ['Commission'] }],
        amountTolerance: { EUR: '0.05', JPY: '3', KWD: '0.001' },
        bankGraceDays: 0.5,
        orderGraceHours: 36,
      },
      reportsDir: 'reports/acme',
    });
    expect(reconcileRulesOf(config.tenants.acme!.reconcile)).toEqual({
      feeRules: [
        { source: 'stripe', currency: 'EUR', percent: '1.5', fixedMinor: 25, toleranceMinor: 0 },
        { source: 'amazon', currency: 'JPY', percent: '10', fixedMinor: 0, toleranceMinor: 0, feeTypes: ['Commission'] },
      ],
      amountToleranceMinor: { EUR: 5, JPY: 3, KWD: 1 },
      payoutGraceDays: 0.5,
      orderGraceHours: 36,
    });
    expect(reconcileRulesOf(undefined)).toEqual({ feeRules: [] });
  });

  it('names the field of a bad value', () => {
    expect(() => withReconcile({ rules: { amountTolerance: { EUR: '0.001' } } })).toThrow(/tenants\.acme\.reconcile\.rules\.amountTolerance\.EUR/);
    expect(() => withReconcile({ rules: { feeRules: [{ source: 'ebay', currency: 'EUR', percent: '1' }] } })).toThrow(/reconcile\.rules\.feeRules\.0\.source/);
    expect(() => withReconcile({ rules: { feeRules: [{ source: 'stripe', currency: 'EUR', percent: '1,5' }] } })).toThrow(/feeRules\.0\.percent: must be a decimal percentage/);
    expect(() => withReconcile({ schedule: { cron: '30 5 * * *', every: '1d' } })).toThrow(/reconcile\.schedule: give either cron or every/);
    expect(() => withReconcile({ schedule: { cron: 'nightly' } })).toThrow(/reconcile\.schedule\.cron/);
    expect(() => withReconcile({ rules: { bankGraceDays: -1 } })).toThrow(/reconcile\.rules\.bankGraceDays/);
  });

  it('a schedule per tenant that asks for one', () => {
    const config = parseTenantsConfig(
      { tenants: { acme: { connections: {}, reconcile: { schedule: { cron: '30 5 * * *', timezone: 'Europe/Berlin', paused: true } } }, beta: { connections: {}, reconcile: { rules: {} } }, gamma: { connections: {}, reconcile: { schedule: { every: '1d' } } } } },
      {},
    );
    expect(desiredSchedules(config).filter((d) => d.kind === 'reconcile')).toEqual([
      { kind: 'reconcile', scheduleId: 'reconcile/acme', tenant: 'acme', flow: 'reconcile', cron: '30 5 * * *', timezone: 'Europe/Berlin', paused: true },
      { kind: 'reconcile', scheduleId: 'reconcile/gamma', tenant: 'gamma', flow: 'reconcile', every: '1d', paused: false },
    ]);
  });
});
