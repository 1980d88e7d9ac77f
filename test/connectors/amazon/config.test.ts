import { describe, expect, it } from 'vitest';
import {
  amazonBaseUrl,
  AmazonConnectionSettingsSchema,
  AMAZON_LISTINGS_RATE_LIMITS,
  AMAZON_RATE_LIMITS,
  createAmazonClient,
} from '../../../connectors/amazon/index.js';
import { ConnectorError } from '../../../connectors/http/errors.js';
import { RateLimiterRegistry } from '../../../connectors/http/rate-limiter.js';
import { captureLogs } from '../log-capture.js';
import { CREDENTIALS } from './amazon-test-kit.js';

function issues(input: unknown): string[] {
  const result = AmazonConnectionSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
}

describe('AmazonConnectionSettingsSchema', () => {
  it('accepts a minimal and a full connection', () => {
    expect(issues({ region: 'eu', marketplaceIds: ['A1PA6795UKMFR9'] })).toEqual([]);
    expect(
      issues({
        region: 'na',
        marketplaceIds: ['ATVPDKIKX0DER'],
        endpoint: 'https://sandbox.sellingpartnerapi-na.amazon.com',
        tokenEndpoint: 'http://127.0.0.1:9999/auth/o2/token',
        rateLimits: { getOrders: { rate: 0.0222, burst: 20 } },
        timeoutMs: 10_000,
        maxInProcessWaitMs: 5_000,
      }),
    ).toEqual([]);
  });

  it.each([
    [{ region: 'us', marketplaceIds: ['A'] }, ['region: invalid_value']],
    [{ region: 'eu', marketplaceIds: [] }, ['marketplaceIds: too_small']],
    [{ region: 'eu', marketplaceIds: Array.from({ length: 51 }, () => 'A') }, ['marketplaceIds: too_big']],
    [{ region: 'eu', marketplaceIds: ['A'], endpoint: 'ftp://example.com' }, ['endpoint: invalid_format']],
    [{ region: 'eu', marketplaceIds: ['A'], rateLimits: { getOrders: { rate: 0, burst: 1 } } }, ['rateLimits.getOrders.rate: too_small']],
    [{ region: 'eu', marketplaceIds: ['A'], rateLimits: { listOrders: { rate: 1, burst: 1 } } }, ['rateLimits: unrecognized_keys']],
    [{ region: 'eu', marketplaceIds: ['A'], marketplaceId: 'typo' }, [': unrecognized_keys']],
  ])('rejects %j', (input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it('maps regions to the SP-API endpoints and lets endpoint override them', () => {
    expect(amazonBaseUrl({ region: 'na' })).toBe('https://sellingpartnerapi-na.amazon.com');
    expect(amazonBaseUrl({ region: 'eu' })).toBe('https://sellingpartnerapi-eu.amazon.com');
    expect(amazonBaseUrl({ region: 'fe' })).toBe('https://sellingpartnerapi-fe.amazon.com');
    expect(amazonBaseUrl({ region: 'eu', endpoint: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
  });

  it('publishes the model usage plans', () => {
    expect(AMAZON_RATE_LIMITS).toMatchObject({
      getOrders: { rate: 0.0167, burst: 20 },
      getOrder: { rate: 0.5, burst: 30 },
      getOrderItems: { rate: 0.5, burst: 30 },
      searchOrders: { rate: 0.0056, burst: 20 },
      ...AMAZON_LISTINGS_RATE_LIMITS,
    });
  });

  it('publishes the usage plans of the reports, tokens, FBA inventory and confirmShipment models', () => {
    expect(AMAZON_RATE_LIMITS).toMatchObject({
      createReport: { rate: 0.0167, burst: 15 },
      getReport: { rate: 2, burst: 15 },
      getReports: { rate: 0.0222, burst: 10 },
      cancelReport: { rate: 0.0222, burst: 10 },
      getReportDocument: { rate: 0.0167, burst: 15 },
      createRestrictedDataToken: { rate: 1, burst: 10 },
      getInventorySummaries: { rate: 2, burst: 2 },
      confirmShipment: { rate: 2, burst: 10 },
      updateShipmentStatus: { rate: 5, burst: 15 },
    });
  });

  it('createAmazonClient refuses bad settings and credentials with the field, never the secret', () => {
    const base = { tenant: 'acme', limiter: new RateLimiterRegistry(), logger: captureLogs().logger };
    expect(() =>
      createAmazonClient({ ...base, settings: { region: 'xx' as 'eu', marketplaceIds: ['A'] }, credentials: { ...CREDENTIALS } }),
    ).toThrow(new ConnectorError('validation', 'Amazon connection settings invalid: region: Invalid option: expected one of "na"|"eu"|"fe"', { vendor: 'amazon', operation: 'configure' }));
    let error: unknown;
    try {
      createAmazonClient({ ...base, settings: { region: 'eu', marketplaceIds: ['A'] }, credentials: { ...CREDENTIALS, clientSecret: '' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toBe('Amazon credentials invalid: clientSecret: Too small: expected string to have >=1 characters');
    expect((error as ConnectorError).message).not.toContain(CREDENTIALS.refreshToken);
  });
});
