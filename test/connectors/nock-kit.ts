/** What every connector test kit shares: nock isolation per test, and awaiting a typed failure. */
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import { ConnectorError } from '../../connectors/http/errors.js';

/** Per test: no real network (only what nock answers), and no interceptor left for the next test. */
export function isolateNetworkPerTest(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

/** Awaits a call that must fail, asserts the failure is a ConnectorError and returns it. */
export async function rejection(p: Promise<unknown>): Promise<ConnectorError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}
