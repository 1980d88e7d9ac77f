/** `caravan sync inventory` channel selection and summary, and the stock-push schedules `caravan schedules apply` wants. */
import { describe, expect, it } from 'vitest';
import { desiredSchedules } from '../../cli/commands/schedules.js';
import { formatInventorySummaries, selectInventoryChannels } from '../../cli/commands/sync.js';
import { DEMO_CONFIG_PATH, loadTenantsConfig } from '../../config/tenants-config.js';

const config = loadTenantsConfig(DEMO_CONFIG_PATH, {});

describe('sync inventory', () => {
  it('selects a channel with an inventory section, or every such channel of a vendor', () => {
    expect(selectInventoryChannels(config, 'demo', 'amazon-eu')).toEqual(['amazon-eu']);
    expect(selectInventoryChannels(config, 'demo', 'amazon')).toEqual(['amazon-eu', 'amazon-na', 'amazon-fe']);
    expect(() => selectInventoryChannels(config, 'demo', 'ebay')).toThrow('tenant "demo" has no channel or vendor "ebay"');
  });

  it('refuses a channel that publishes no stock, naming the section to add', () => {
    const eu = config.tenants['demo']!.connections['amazon-eu']!;
    const without = { ...config, tenants: { demo: { ...config.tenants['demo']!, connections: { 'amazon-eu': { ...eu, inventory: undefined } } } } } as unknown as typeof config;
    expect(() => selectInventoryChannels(without, 'demo', 'amazon-eu')).toThrow('amazon-eu of tenant "demo" publish no stock: add tenants.demo.connections.amazon-eu.inventory');
  });

  it('prints one row per channel', () => {
    const totals = { marketplaceStockRead: 4, marketplaceStockChanged: 2, marketplaceStockRejected: 0, skusPlanned: 30, unchanged: 50, skipped: 5, sent: 12, accepted: 11, rejected: 1, pending: 0 };
    const text = formatInventorySummaries([{ tenant: 'demo', channel: 'amazon-eu', pages: 1, totals, startedAt: '', finishedAt: '', durationMs: 1500, continuedAsNew: 0 }]);
    expect(text).toMatch(/CHANNEL\s+SKUS\s+SENT\s+ACCEPTED\s+REJECTED/);
    expect(text).toMatch(/amazon-eu\s+30\s+12\s+11\s+1\s+0\s+50\s+5\s+4\s+2/);
  });

  it('schedules apply wants a stock push where inventory.schedule is set (demo: amazon-eu every 30m)', () => {
    const inventory = desiredSchedules(config).filter((d) => d.kind === 'inventory');
    expect(inventory).toEqual([{ kind: 'inventory', scheduleId: 'inventory-sync/demo/amazon-eu', tenant: 'demo', channel: 'amazon-eu', flow: 'inventory-sync', every: '30m', paused: false }]);
  });
});
