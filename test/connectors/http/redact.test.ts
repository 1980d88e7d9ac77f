import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '../../../connectors/http/classify.js';
import { PINO_REDACT_OPTIONS, REDACT_PATHS, redactForLog, redactText } from '../../../connectors/http/redact.js';

describe('redactForLog', () => {
  it('replaces secrets and buyer PII at any depth and keeps the rest', () => {
    const input = {
      operation: 'getOrders',
      headers: { 'x-amz-access-token': 'Atza|abc', Authorization: 'Bearer xyz', 'user-agent': 'Caravan/0.1' },
      lwa: { access_token: 'Atza|abc', refresh_token: 'Atzr|def', client_secret: 's3cret', expires_in: 3600 },
      order: {
        AmazonOrderId: '902-1845936-5435065',
        BuyerInfo: { BuyerEmail: 'user@example.com', BuyerName: 'John Doe' },
        ShippingAddress: { Name: 'Jane', AddressLine1: '1 Cross St.', City: 'Canton' },
        DefaultShipFromLocationAddress: { Name: 'Warehouse', AddressLine1: '2201 Westlake Ave', Phone: '+1 480-386-0930' },
        OrderTotal: { CurrencyCode: 'USD', Amount: '11.01' },
      },
      cookies: [{ cookie: 'session=1' }],
    };
    expect(redactForLog(input)).toEqual({
      operation: 'getOrders',
      headers: { 'x-amz-access-token': '[redacted]', Authorization: '[redacted]', 'user-agent': 'Caravan/0.1' },
      lwa: { access_token: '[redacted]', refresh_token: '[redacted]', client_secret: '[redacted]', expires_in: 3600 },
      order: {
        AmazonOrderId: '902-1845936-5435065',
        BuyerInfo: '[redacted]',
        ShippingAddress: '[redacted]',
        DefaultShipFromLocationAddress: { Name: 'Warehouse', AddressLine1: '[redacted]', Phone: '[redacted]' },
        OrderTotal: { CurrencyCode: 'USD', Amount: '11.01' },
      },
      cookies: [{ cookie: '[redacted]' }],
    });
    // The input is not modified.
    expect(input.headers['x-amz-access-token']).toBe('Atza|abc');
  });

  it('masks tokens inside free text and reduces errors to name, message and code', () => {
    expect(redactText('grant_type=refresh_token&refresh_token=Atzr|x1&client_id=app&client_secret=s3')).toBe(
      'grant_type=refresh_token&refresh_token=[redacted]&client_id=[redacted]&client_secret=[redacted]',
    );
    expect(redactText('token Atza|IQEBLjAsAhRmHjNg rejected; Bearer abc.def')).toBe('token [redacted] rejected; Bearer [redacted]');
    const error = Object.assign(new Error('failed with Atza|zzz'), { code: 'ECONNRESET', config: { headers: { 'x-amz-access-token': 'Atza|zzz' } } });
    expect(redactForLog({ error })).toEqual({ error: { name: 'Error', message: 'failed with [redacted]', code: 'ECONNRESET' } });
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(redactForLog(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});

describe('pino redaction paths', () => {
  it('are all accepted by pino and hide secrets and PII up to three levels deep', () => {
    const lines: string[] = [];
    const logger = pino({ redact: PINO_REDACT_OPTIONS }, { write: (s: string) => void lines.push(s) });
    logger.info(
      {
        authorization: 'Bearer top',
        req: { headers: { 'x-amz-access-token': 'Atza|lvl2', cookie: 'c=1' } },
        a: { b: { c: { client_secret: 'lvl3', BuyerEmail: 'x@example.com' } } },
        order: { ShippingAddress: { City: 'Canton' }, AmazonOrderId: '1' },
      },
      'x',
    );
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry['authorization']).toBe('[redacted]');
    expect(entry['req']).toEqual({ headers: { 'x-amz-access-token': '[redacted]', cookie: '[redacted]' } });
    expect(entry['a']).toEqual({ b: { c: { client_secret: '[redacted]', BuyerEmail: '[redacted]' } } });
    expect(entry['order']).toEqual({ ShippingAddress: '[redacted]', AmazonOrderId: '1' });
    expect(REDACT_PATHS).toContain('*.*["x-amz-access-token"]');
  });
});

describe('restricted data tokens and network error messages', () => {
  it('masks SP-API restricted data tokens (Atz.sprdt|…) in text and under restrictedDataToken', () => {
    expect(redactText('sent x-amz-access-token: Atz.sprdt|IQEBLjAsAhRmHjNgHpi0U-Dme37rR6CuUpSR now')).toBe('sent x-amz-access-token: [redacted] now');
    expect(redactForLog({ restrictedDataToken: 'opaque', expiresIn: 3600 })).toEqual({ restrictedDataToken: '[redacted]', expiresIn: 3600 });
  });

  it('describeNetworkError masks tokens a transport quotes in its message', () => {
    const error = Object.assign(new Error('No match for request {"x-amz-access-token": "Atz.sprdt|secret-rdt", "a": "Atza|secret-lwa"}'), { code: 'ERR_NOCK_NO_MATCH' });
    const described = describeNetworkError(error);
    expect(described.code).toBe('ERR_NOCK_NO_MATCH');
    expect(described.message).not.toMatch(/secret-rdt|secret-lwa/);
  });
});

describe('presigned URLs', () => {
  it('masks the signature, security token and credential of a presigned S3 URL', () => {
    const url = 'https://tortuga-prod-eu.s3.amazonaws.com/doc?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20260301&X-Amz-Security-Token=FwoGZX&X-Amz-Signature=0a1b2c';
    expect(redactText(url)).toBe(
      'https://tortuga-prod-eu.s3.amazonaws.com/doc?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]&X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]',
    );
  });
});
