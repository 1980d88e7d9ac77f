/** Alibaba.com connection settings and credentials: defaults (gateway, marketplace), sandbox, overrides and refusals. */
import { describe, expect, it } from 'vitest';
import {
  ALIBABA_SANDBOX_ENDPOINT,
  alibabaBaseUrl,
  AlibabaConnectionSettingsSchema,
  AlibabaCredentialsSchema,
  DEFAULT_ALIBABA_ENDPOINT,
} from '../../../connectors/alibaba/config.js';

describe('Alibaba.com config', () => {
  it('defaults to the production gateway and the ALIBABA marketplace; sandbox and an override change the base URL', () => {
    const s = AlibabaConnectionSettingsSchema.parse({ appKey: '45678901' });
    expect(s.marketplaceIds).toEqual(['ALIBABA']);
    expect(alibabaBaseUrl(s)).toBe(DEFAULT_ALIBABA_ENDPOINT);
    expect(alibabaBaseUrl({ ...s, sandbox: true })).toBe(ALIBABA_SANDBOX_ENDPOINT);
    expect(alibabaBaseUrl({ ...s, sandbox: true, endpoint: 'http://localhost:4020/' })).toBe('http://localhost:4020');
  });

  it('refuses a non-numeric app key, unknown settings, another marketplace and a missing app secret', () => {
    expect(AlibabaConnectionSettingsSchema.safeParse({ appKey: 'abc' }).success).toBe(false);
    expect(AlibabaConnectionSettingsSchema.safeParse({ appKey: '1', appSecret: 'x' }).success).toBe(false);
    expect(AlibabaConnectionSettingsSchema.safeParse({ appKey: '1', marketplaceIds: ['ALIEXPRESS'] }).success).toBe(false);
    expect(AlibabaCredentialsSchema.safeParse({ accessToken: 't', refreshToken: 'r' }).success).toBe(false);
    expect(AlibabaCredentialsSchema.safeParse({ appSecret: 's', accessToken: 't' }).success).toBe(false);
    expect(AlibabaCredentialsSchema.parse({ appSecret: 's', refreshToken: 'r' })).toEqual({ appSecret: 's', refreshToken: 'r' });
  });
});
