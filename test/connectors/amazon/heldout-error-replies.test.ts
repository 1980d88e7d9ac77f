/**
 * Held-out error replies (test/fixtures/amazon/heldout/SOURCE.md): AWS's own error shapes in
 * front of the SP-API, which carry no `errors[]`, read with Amazon's code and message, by the
 * recogniser and through `caravan map` (exit 1, one line).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { recogniseAmazonErrorReply, recogniseAmazonReportErrorReply } from '../../../connectors/amazon/index.js';
import { caravanMap } from '../../cli/map-harness.js';
import { answer, EU_ENDPOINT, isolateNetworkPerTest, makeKit, mockLwa, rejection, type SeenRequest } from './amazon-test-kit.js';

isolateNetworkPerTest();

const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');
const recording = (name: string): { response: { status: number; headers: Record<string, string>; body: string } } =>
  JSON.parse(readFileSync(join(HELDOUT, name), 'utf8')) as { response: { status: number; headers: Record<string, string>; body: string } };

describe('AWS error shapes without errors[]', () => {
  it('STS XML <ErrorResponse><Error><Code> (selling-partner-api-docs#3081): code and message, auth', () => {
    const { response } = recording('error-403-sts-missing-token.json');
    const error = recogniseAmazonErrorReply(response.body, { operation: 'createFulfillmentOrder', status: response.status, headers: response.headers });
    expect([error?.kind, error?.vendorCode, error?.requestId, error?.message]).toEqual([
      'auth',
      'MissingAuthenticationToken',
      '89b682e5-ac18-4fac-a917-2155723ed59b',
      'Amazon createFulfillmentOrder: HTTP 403 MissingAuthenticationToken: Request is missing Authentication Token',
    ]);
  });

  it('an empty 403 names its code only in x-amzn-errortype (selling-partner-api-models#749)', () => {
    const { response } = recording('error-403-empty-body-errortype.json');
    const error = recogniseAmazonErrorReply(response.body, { operation: 'getInventorySummaries', status: response.status, headers: response.headers });
    expect([error?.kind, error?.vendorCode, error?.message]).toEqual([
      'auth',
      'MissingAuthenticationTokenException',
      'Amazon getInventorySummaries: HTTP 403 MissingAuthenticationTokenException with an empty body',
    ]);
  });

  it("S3's XML error for a report document URL used after it expired, even with no status (a saved file)", () => {
    const body = readFileSync(join(HELDOUT, 'report-document-url-expired.s3.xml'), 'utf8');
    const error = recogniseAmazonReportErrorReply(body, { operation: 'getReportDocument' });
    expect([error?.vendorCode, error?.message]).toEqual(['AccessDenied', 'Amazon getReportDocument: AccessDenied: Request has expired']);
  });

  it("API Gateway's lone { message } (code from x-amzn-ErrorType when recorded); entities in XML are decoded", () => {
    const gateway = recogniseAmazonErrorReply({ message: 'Missing Authentication Token' }, { operation: 'getOrders', status: 403, headers: { 'x-amzn-ErrorType': 'MissingAuthenticationTokenException:http://internal.amazon.com/coral/' } });
    expect([gateway?.kind, gateway?.vendorCode, gateway?.message]).toEqual([
      'auth',
      'MissingAuthenticationTokenException',
      'Amazon getOrders: HTTP 403 MissingAuthenticationTokenException: Missing Authentication Token',
    ]);
    const denied = recogniseAmazonErrorReply({ Message: 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: execute-api:Invoke' }, { operation: 'getOrders' });
    expect(denied?.message).toBe('Amazon getOrders: User: arn:aws:iam::123456789012:user/x is not authorized to perform: execute-api:Invoke');
    const xml = recogniseAmazonErrorReply('<Error><Code>SignatureDoesNotMatch</Code><Message>a &lt;b&gt; &amp; c</Message></Error>', { operation: 'getReportDocument' });
    expect(xml?.message).toBe('Amazon getReportDocument: SignatureDoesNotMatch: a <b> & c');
  });

  it('success bodies stay successes: a message among other members or under a 2xx, XML whose root is no <Error>', () => {
    expect(recogniseAmazonErrorReply({ message: 'ok', payload: {} }, { operation: 'getOrders', status: 200 })).toBeUndefined();
    expect(recogniseAmazonErrorReply({ message: 'ok' }, { operation: 'getOrders', status: 200 })).toBeUndefined();
    expect(recogniseAmazonErrorReply('<Error><Code>AccessDenied</Code><Message>x</Message></Error>', { operation: 'getReportDocument', status: 200 })).toBeUndefined();
    expect(recogniseAmazonErrorReply('<Report><Error><Code>X</Code></Error></Report>', { operation: 'getReportDocument' })).toBeUndefined();
    expect(recogniseAmazonErrorReply('<AmazonEnvelope><Message><MessageID>1</MessageID></Message></AmazonEnvelope>', { operation: 'getFeedDocument' })).toBeUndefined();
    expect(recogniseAmazonErrorReply('<Error><Code></Code></Error>', { operation: 'getFeedDocument' })).toBeUndefined();
  });
});

describe('the connector meets them over HTTP', () => {
  it('getOrder answered 403 with the STS XML body: auth, with the code and message (not "a non-JSON body")', async () => {
    mockLwa(['Atza|first-token', 'Atza|second-token']);
    const { response } = recording('error-403-sts-missing-token.json');
    const seen: SeenRequest[] = [];
    nock(EU_ENDPOINT).get('/orders/v0/orders/902-3159896-1390916').times(2).reply(answer(seen, 403, response.body, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-sts' }));
    const { client } = makeKit();
    const error = await rejection(client.getOrder('902-3159896-1390916'));
    expect([error.kind, error.status, error.vendorCode, error.requestId, error.message]).toEqual([
      'auth',
      403,
      'MissingAuthenticationToken',
      'req-sts',
      'Amazon getOrder: HTTP 403 MissingAuthenticationToken: Request is missing Authentication Token',
    ]);
    // As for Unauthorized: one token refresh and one resend.
    expect(seen.map((s) => s.headers['x-amz-access-token'])).toEqual(['Atza|first-token', 'Atza|second-token']);
  });
});

describe('caravan map: these replies exit 1 with the code and message', () => {
  it.each([
    ['amazon.order', 'error-403-sts-missing-token.json', 'is an error reply from Amazon, code MissingAuthenticationToken, not an Amazon SP-API order reply (Orders v0 or 2026-01-01): Amazon getOrders: HTTP 403 MissingAuthenticationToken: Request is missing Authentication Token'],
    ['amazon.inventory-summaries', 'error-403-empty-body-errortype.json', 'is an error reply from Amazon, code MissingAuthenticationTokenException, not an Amazon getInventorySummaries reply: Amazon getInventorySummaries: HTTP 403 MissingAuthenticationTokenException with an empty body'],
    ['amazon.order-report', 'report-document-url-expired.s3.xml', 'is an error reply from Amazon, code AccessDenied, not an Amazon orders flat-file report: Amazon getReportDocument: AccessDenied: Request has expired'],
    ['amazon.listings-report', 'report-document-url-expired.s3.xml', 'is an error reply from Amazon, code AccessDenied, not an Amazon merchant listings report: Amazon getReportDocument: AccessDenied: Request has expired'],
    ['amazon.inventory-report', 'report-document-url-expired.s3.xml', 'is an error reply from Amazon, code AccessDenied, not an Amazon FBA inventory report: Amazon getReportDocument: AccessDenied: Request has expired'],
  ])('%s %s', async (kind, name, message) => {
    const file = join(HELDOUT, name);
    const { code, stderr, stdout } = await caravanMap(kind, file);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe(`caravan: ${file} ${message}`);
  });
});
