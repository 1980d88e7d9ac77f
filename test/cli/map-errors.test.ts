/**
 * `caravan map` on what is not a record: every vendor's error replies are named by the vendor's
 * own recogniser (code, message, status when the file records it; exit 1, one line, no stack),
 * files of another kind say what they look like, and items of no order are an error.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapCommand } from '../../cli/commands/map.js';
import { main } from '../../cli/main.js';
import { RECORD_KINDS } from '../../cli/record-kinds.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures');
const AMAZON = join(FIX, 'amazon', 'connector');
const ORDERS = join(FIX, 'amazon', 'mapping');
const dir = mkdtempSync(join(tmpdir(), 'caravan-map-errors-'));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

/** Runs `caravan map …` as ops would; returns the exit code and what went to stderr and stdout. */
async function caravan(...args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(['map', ...args]);
    return {
      code,
      stderr: err.mock.calls.flat().join('\n'),
      stdout: [...log.mock.calls.flat(), ...write.mock.calls.map((c) => String(c[0]))].join('\n'),
    };
  } finally {
    err.mockRestore();
    log.mockRestore();
    write.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('error replies are named as such, with the vendor\'s code and message (exit 1)', () => {
  it.each([
    [
      'amazon.order',
      join(AMAZON, 'error-403-unauthorized.eolabs.json'),
      'is an error reply from Amazon, code Unauthorized, not an Amazon SP-API order reply (Orders v0 or 2026-01-01): Amazon getOrders: Unauthorized: Access to requested resource is denied. (Access token is missing in the request header.)',
    ],
    [
      'amazon.order-item',
      join(AMAZON, 'error-429-quota-exceeded.synthetic.json'),
      'is an error reply from Amazon, code QuotaExceeded, not an Amazon getOrderItems reply: Amazon getOrderItems: QuotaExceeded',
    ],
    [
      'amazon.order',
      join(AMAZON, 'lwa-unsupported-grant-type.peddler.json'),
      'is an error reply from Amazon, code unsupported_grant_type, not an Amazon SP-API order reply (Orders v0 or 2026-01-01): Amazon LWA token request failed: unsupported_grant_type: The authorization grant type is not supported by the authorization server',
    ],
    [
      'avalara.transaction',
      join(FIX, 'avalara', 'samples', 'get_tax__error.json'),
      'is an error reply from AvaTax, code MissingLine, not an AvaTax TransactionModel: AvaTax CreateTransaction: HTTP 400 MissingLine: Transactions must have at least one line.',
    ],
    [
      'avalara.transaction',
      join(FIX, 'avalara', 'errors', 'error-401-authentication.synthetic.json'),
      'is an error reply from AvaTax, code AuthenticationException, not an AvaTax TransactionModel: AvaTax CreateTransaction: AuthenticationException',
    ],
    [
      'dhl.landed-cost',
      join(FIX, 'dhl', 'landed-cost', 'error-400.karrio.json'),
      'is an error reply from DHL, code 400, not a DHL Express landed-cost reply: DHL Express landedCost failed: HTTP 400 Bad Request: Invalid postal code provided',
    ],
    [
      'dhl.landed-cost',
      join(FIX, 'dhl', 'errors', 'xml-tracking-not-found.karrio.xml'),
      'is an error reply from DHL, code 103, not a DHL Express landed-cost reply: DHL Express landedCost failed: 103: No Shipments Found for AWBNumber 123456789',
    ],
    ['vies.vat-check', write('vies-200-ms-unavailable.json', { actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] }), 'is an error reply from VIES, code MS_UNAVAILABLE, not a VIES checkVatNumber reply: VIES checkVatNumber: MS_UNAVAILABLE'],
    ['fx.xe', write('xe-401.json', '{"code":1,"message":"Bad credentials","documentation_url":"https://xecdapi.xe.com/docs/v1/"}'), 'is an error reply from XE, code 1, not an XE Currency Data reply: XE xeConvertFrom: code 1: Bad credentials'],
  ])('%s %s', async (kind, file, message) => {
    const { code, stderr, stdout } = await caravan(kind, file, ...(kind === 'dhl.landed-cost' ? ['--shipment', join(FIX, 'canonical', 'shipment-us-to-au.json')] : []));
    expect(code).toBe(1);
    expect(stderr).toContain(`caravan: ${file} ${message}`);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('a recorded exchange shows the HTTP status it recorded: the AvaTax answer above says HTTP 400, an HTML 502 says what it was', async () => {
    const recorded = write('dhl-502.json', [{ request: { method: 'POST' }, response: { status: 502, headers: { 'Content-Type': ['text/html'] }, body: '<html><head><title>502 Bad Gateway</title></head></html>' } }]);
    const { code, stderr } = await caravan('dhl.landed-cost', recorded, '--shipment', join(FIX, 'canonical', 'shipment-us-to-au.json'));
    expect(code).toBe(1);
    expect(stderr).toBe(`caravan: ${recorded} is an error reply from DHL, not a DHL Express landed-cost reply: DHL Express landedCost failed: HTTP 502 a non-JSON body: <html><head><title>502 Bad Gateway</title></head></html>`);
  });

  it('a VCR cassette: the recorded LWA 400 is named with its status; a good cassette maps its last reply', async () => {
    const bad = join(ORDERS, 'peddler-vcr.TokenTest.test_bad_LWAToken.yml');
    const { code, stderr } = await caravan('amazon.order', bad);
    expect([code, stderr]).toEqual([
      1,
      `caravan: ${bad} is an error reply from Amazon, code unsupported_grant_type, not an Amazon SP-API order reply (Orders v0 or 2026-01-01): Amazon LWA token request failed: HTTP 400 unsupported_grant_type: The authorization grant type is not supported by the authorization server`,
    ]);
    const good = await caravan('amazon.order', join(ORDERS, 'peddler-vcr.OrdersV0Test.test_get_orders.yml'));
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).map((o: { externalId: string }) => o.externalId)).toEqual(['902-1845936-5435065', '902-8745147-1934268']);
  });

  it('a VIES SOAP fault in a file is named by its code', async () => {
    const fault = write('vies-fault.xml', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>MS_UNAVAILABLE</faultstring></soap:Fault></soap:Body></soap:Envelope>');
    const { code, stderr } = await caravan('vies.vat-check', fault);
    expect([code, stderr]).toEqual([1, `caravan: ${fault} is an error reply from VIES, code MS_UNAVAILABLE, not a VIES checkVatNumber reply: VIES checkVatNumber: MS_UNAVAILABLE`]);
  });
});

describe('a file of another kind says what it looks like (exit 1)', () => {
  it.each([
    ['amazon.order', join(ORDERS, 'ordersV0.getOrderItems.200.example.json'), 'this is a getOrderItems response (Amazon order items), not an Amazon SP-API order reply (Orders v0 or 2026-01-01); pass it with --items beside the order file'],
    ['amazon.order-item', join(ORDERS, 'ordersV0.getOrders.200.example.json'), `this is an Amazon getOrders/getOrder response, not an Amazon getOrderItems reply; try \`caravan map amazon.order ${join(ORDERS, 'ordersV0.getOrders.200.example.json')}\``],
    ['fx.xe', join(FIX, 'fx', 'ecb', 'eurofxref-daily_2018-06-11.xml'), `this looks like an ECB reference-rate XML file, not an XE Currency Data reply; try \`caravan map fx.ecb ${join(FIX, 'fx', 'ecb', 'eurofxref-daily_2018-06-11.xml')}\``],
    ['fx.ecb', join(FIX, 'fx', 'xe', 'convert_from.json'), `this looks like an XE Currency Data reply, not an ECB reference-rate XML file; try \`caravan map fx.xe ${join(FIX, 'fx', 'xe', 'convert_from.json')}\``],
    ['dhl.landed-cost', join(AMAZON, 'error-502-gateway.synthetic.html'), 'this is an HTML page (502 Bad Gateway), not a DHL Express landed-cost reply'],
    ['avalara.transaction', join(FIX, 'dhl', 'landed-cost', 'response-200.spec-example.json'), `this looks like a DHL Express landed-cost response, not an AvaTax TransactionModel; try \`caravan map dhl.landed-cost ${join(FIX, 'dhl', 'landed-cost', 'response-200.spec-example.json')}\``],
    ['fx.xe', join(AMAZON, 'lwa-invalid-grant.synthetic.json'), 'this is an error reply from Amazon (code invalid_grant: Amazon LWA token request failed: invalid_grant: The request has an invalid grant parameter : refresh_token. User may have revoked or didn\'t grant the permission.), not an XE Currency Data reply'],
    ['amazon.order-item', write('text.txt', 'Invalid Credentials'), 'this is a plain-text body: Invalid Credentials, not an Amazon getOrderItems reply'],
    ['avalara.transaction', join(FIX, 'avalara', 'samples', 'utilities__ping.json'), 'this looks like an AvaTax Ping reply (no record kind maps it), not an AvaTax TransactionModel'],
    ['avalara.transaction', join(FIX, 'avalara', 'samples', 'address__validate_failure.json'), 'this looks like an AvaTax address-resolve reply (no record kind maps it), not an AvaTax TransactionModel'],
  ])('%s given %s', async (kind, file, message) => {
    const { code, stderr, stdout } = await caravan(kind, file, ...(kind === 'dhl.landed-cost' ? ['--shipment', join(FIX, 'canonical', 'shipment-us-to-au.json')] : []));
    expect([code, stderr, stdout]).toEqual([1, `caravan: ${file}: ${message}`, '']);
  });

  it('amazon.order-item with a JSON file holding no items exits 1 instead of printing []', async () => {
    const file = write('nothing.json', { something: 'else' });
    const { code, stderr, stdout } = await caravan('amazon.order-item', file);
    expect([code, stderr, stdout]).toEqual([1, `caravan: ${file} holds no order items: expected a getOrderItems response (payload.OrderItems) or an array of order items`, '']);
  });

  it('a getOrderItems response whose order has no items is still mapped: [] and exit 0', async () => {
    const file = write('no-items.json', { payload: { AmazonOrderId: '902-1845936-5435065', OrderItems: [] } });
    const { code, stdout } = await caravan('amazon.order-item', file);
    expect([code, JSON.parse(stdout)]).toEqual([0, []]);
  });
});

describe('--items must belong to the orders mapped', () => {
  it('items of an order not in the order file are an error naming both order ids', async () => {
    const { code, stderr, stdout } = await caravan('amazon.order', join(ORDERS, 'ordersV0.getOrders.200.example.json'), '--items', join(ORDERS, 'ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json'));
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe(
      `caravan: ${join(ORDERS, 'ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json')}: items of order(s) 902-1845936-5435065 match no order in ${join(ORDERS, 'ordersV0.getOrders.200.example.json')} (orders there: 902-3159896-1390916)`,
    );
  });

  it('an error reply given as --items is named as such', async () => {
    const items = join(AMAZON, 'error-404-not-found.synthetic.json');
    const { code, stderr } = await caravan('amazon.order', join(ORDERS, 'ordersV0.getOrder.200.sandbox.TEST_CASE_200.json'), '--items', items);
    expect(code).toBe(1);
    expect(stderr).toBe(`caravan: ${items} is an error reply from Amazon, code NotFound, not an Amazon getOrderItems reply: Amazon getOrderItems: NotFound: The requested order was not found.`);
  });

  it('items of the order in the file map as before', async () => {
    const { results } = await mapCommand('amazon.order', join(ORDERS, 'ordersV0.getOrder.200.sandbox.TEST_CASE_200.json'), {
      items: join(ORDERS, 'ordersV0.getOrderItems.200.sandbox.TEST_CASE_200.json'),
    });
    expect(results.map((r) => r.ok)).toEqual([true]);
  });
});

describe('vies.vat-check', () => {
  it('maps a checkVatNumber reply to a VAT-number check without the trader\'s name or address', async () => {
    const file = write('vies-check.json', {
      countryCode: 'EL',
      vatNumber: '094014201',
      requestDate: '2026-03-02T10:15:27.512+01:00',
      valid: true,
      requestIdentifier: 'WAPIAAAAYz7xJ0bN',
      name: 'ΕΤΑΙΡΕΙΑ Α.Ε.',
      address: 'ΟΔΟΣ 1 ΑΘΗΝΑ',
      traderName: null,
    });
    const { code, stdout } = await caravan('vies.vat-check', file);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ source: 'vies', vatNumber: 'EL094014201', status: 'valid', checkedAt: '2026-03-02T09:15:27.512Z', consultationNumber: 'WAPIAAAAYz7xJ0bN' }]);
  });

  it('an invalid number without a consultation number; a body that is not a CheckVatResponse names the field', async () => {
    const invalid = write('vies-invalid.json', { countryCode: 'DE', vatNumber: '123456788', requestDate: '2026-03-02T09:00:00Z', valid: false, requestIdentifier: '', name: '---', address: '---' });
    expect(JSON.parse((await caravan('vies.vat-check', invalid)).stdout)).toEqual([{ source: 'vies', vatNumber: 'DE123456788', status: 'invalid', checkedAt: '2026-03-02T09:00:00.000Z' }]);
    const broken = write('vies-broken.json', { countryCode: 'DE', vatNumber: '123456788', requestDate: 'yesterday', valid: 'true' });
    const { code, stdout } = await caravan('vies.vat-check', broken);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)[0].error).toMatchObject({ recordType: 'vies.vat-check', field: 'requestDate', errorKind: 'schema' });
  });
});

describe('every vendor folder has a record kind, listed in `caravan map --help`', () => {
  const vendors = readdirSync(join(ROOT, 'connectors')).filter((d) => d !== 'http' && statSync(join(ROOT, 'connectors', d)).isDirectory());

  it.each(vendors)('%s', async (vendor) => {
    const kinds = Object.keys(RECORD_KINDS).filter((k) => k.startsWith(`${vendor}.`));
    expect(kinds.length).toBeGreaterThan(0);
    const { stdout } = await caravan('--help');
    const listed = stdout.slice(stdout.indexOf('Record kinds:'));
    for (const kind of kinds) expect(listed).toMatch(new RegExp(`^  ${kind.replace('.', '\\.')} `, 'm'));
  });
});
