/** AliExpress connection settings and credentials: defaults, overrides and refusals. */
import { describe, expect, it } from 'vitest';
import {
  aliexpressBaseUrl,
  AliexpressConnectionSettingsSchema,
  AliexpressCredentialsSchema,
  DEFAULT_ALIEXPRESS_ENDPOINT,
} from '../../../connectors/aliexpress/config.js';

describe('AliExpress config', () => {
  it('defaults to the IOP gateway and takes an override without its trailing slash', () => {
    const s = AliexpressConnectionSettingsSchema.parse({ appKey: '123456' });
    expect(aliexpressBaseUrl(s)).toBe(DEFAULT_ALIEXPRESS_ENDPOINT);
    expect(aliexpressBaseUrl({ ...s, endpoint: 'http://localhost:4010/' })).toBe('http://localhost:4010');
  });

  it('refuses a non-numeric app key, unknown settings and a missing app secret', () => {
    expect(AliexpressConnectionSettingsSchema.safeParse({ appKey: 'abc' }).success).toBe(false);
    expect(AliexpressConnectionSettingsSchema.safeParse({ appKey: '1', appSecret: 'x' }).success).toBe(false);
    expect(AliexpressCredentialsSchema.safeParse({ accessToken: 't', refreshToken: 'r' }).success).toBe(false);
    expect(AliexpressCredentialsSchema.safeParse({ appSecret: 's', accessToken: 't' }).success).toBe(false);
    expect(AliexpressCredentialsSchema.parse({ appSecret: 's', refreshToken: 'r' })).toEqual({ appSecret: 's', refreshToken: 'r' });
    expect(AliexpressCredentialsSchema.parse({ appSecret: 's', accessToken: 't', refreshToken: 'r' })).toEqual({ appSecret: 's', accessToken: 't', refreshToken: 'r' });
  });
});

describe('AliExpress marketplaces', () => {
  it('defaults to the one marketplace ALIEXPRESS and keeps a list given', () => {
    expect(AliexpressConnectionSettingsSchema.parse({ appKey: '123456' }).marketplaceIds).toEqual(['ALIEXPRESS']);
    expect(AliexpressConnectionSettingsSchema.parse({ appKey: '123456', marketplaceIds: ['ALIEXPRESS'] }).marketplaceIds).toEqual(['ALIEXPRESS']);
    expect(AliexpressConnectionSettingsSchema.safeParse({ appKey: '123456', marketplaceIds: [] }).success).toBe(false);
  });
});
