/** The AliExpress / Alibaba.com envelope reader's quota-ban reading: how long a call-limit refusal lasts. */
import { describe, expect, it } from 'vitest';
import { openPlatformErrorOf, quotaBanMsOf } from '../../../connectors/http/open-platform-envelope.js';

describe('quotaBanMsOf', () => {
  it('reads the ban of a TOP call-limit error (code 7, sub_msg) and of an IOP one (message)', () => {
    const top = openPlatformErrorOf({ error_response: { code: 7, msg: 'App Call Limited', sub_code: 'accesscontrol.limited-by-api-access-count', sub_msg: 'This ban will last for 71 more seconds', request_id: 'r1' } });
    expect(top === undefined ? undefined : quotaBanMsOf(top)).toBe(71_000);
    const iop = openPlatformErrorOf({ type: 'ISV', code: 'ApiCallLimit', message: 'The request has exceeded the limit. This ban will last 1 more second', request_id: 'r2' });
    expect(iop === undefined ? undefined : quotaBanMsOf(iop)).toBe(1_000);
  });

  it('says nothing for an error that names no ban', () => {
    const e = openPlatformErrorOf({ error_response: { code: 15, msg: 'Remote service error', sub_code: 'isv.invalid-parameter', request_id: 'r3' } });
    expect(e === undefined ? 'none' : quotaBanMsOf(e)).toBeUndefined();
  });
});
