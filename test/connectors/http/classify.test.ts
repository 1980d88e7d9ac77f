import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import {
  describeNetworkError,
  headerValue,
  isNetworkError,
  kindForStatus,
  parseRetryAfter,
} from '../../../connectors/http/classify.js';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('kindForStatus', () => {
  it.each([
    [200, undefined],
    [204, undefined],
    [302, 'contract'],
    [400, 'validation'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [408, 'transient'],
    [409, 'conflict'],
    [410, 'not_found'],
    [413, 'validation'],
    [422, 'validation'],
    [429, 'rate_limited'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
    [100, 'contract'],
  ])('%i → %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1500],
    [' 7 ', 7000],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter(['3', '9'], NOW)).toBe(3000);
  });
});

describe('network errors', () => {
  it('an axios error without a response is a network error; one with a response or a cancel is not', () => {
    const reset = new AxiosError('socket hang up', 'ECONNRESET');
    const cancelled = new AxiosError('canceled', 'ERR_CANCELED');
    const withResponse = new AxiosError('bad', 'ERR_BAD_RESPONSE', undefined, undefined, {
      status: 500,
      statusText: '',
      headers: {},
      config: { headers: {} } as never,
      data: '',
    });
    expect([isNetworkError(reset), isNetworkError(cancelled), isNetworkError(withResponse), isNetworkError(new Error('x'))]).toEqual([true, false, false, false]);
  });

  it('describes a network error by code and message only', () => {
    const error = new AxiosError('timeout of 100ms exceeded', 'ETIMEDOUT', { headers: { 'x-amz-access-token': 'Atza|secret' } } as never);
    expect(describeNetworkError(error)).toEqual({ code: 'ETIMEDOUT', message: 'timeout of 100ms exceeded' });
  });

  it('headerValue finds headers whatever their case', () => {
    expect(headerValue({ 'X-Amzn-RequestId': 'a' }, 'x-amzn-requestid')).toBe('a');
    expect(headerValue({ 'set-cookie': ['a=1', 'b=2'] }, 'Set-Cookie')).toBe('a=1');
    expect(headerValue(undefined, 'x')).toBeUndefined();
  });
});
