import { describe, expect, it } from 'vitest';
import { parseJsonKeepingIds, writeJson } from '../../../sandbox/aliexpress/json-text.js';
import { fromPacificText, platformDay, secondsToNextPlatformDay, toPacificText } from '../../../sandbox/aliexpress/platform-time.js';

describe('JSON as the gateway writes it', () => {
  it('writes bigint ids as bare digits, leaves out undefined members and escapes text', () => {
    expect(writeJson({ order_id: 8123456789012345678n, note: 'Москва "7"', gone: undefined, list: [1, null, true] })).toBe(
      '{"order_id":8123456789012345678,"note":"Москва \\"7\\"","list":[1,null,true]}',
    );
  });

  it('reads integers of 16+ digits as their exact text, and leaves digits inside strings and decimals alone', () => {
    expect(parseJsonKeepingIds('{"a":8123456789012345678,"b":"x 12345678901234567 y","c":12.5,"d":42,"e":[-1005006300000000001]}')).toEqual({
      a: '8123456789012345678',
      b: 'x 12345678901234567 y',
      c: 12.5,
      d: 42,
      e: ['-1005006300000000001'],
    });
  });
});

describe('platform time', () => {
  it('writes and reads US Pacific wall-clock text on both sides of a daylight-saving change', () => {
    const winter = Date.parse('2026-03-08T09:59:59Z'); // 01:59:59 PST
    const summer = Date.parse('2026-03-08T10:00:00Z'); // 03:00:00 PDT
    expect(toPacificText(winter)).toBe('2026-03-08 01:59:59');
    expect(toPacificText(summer)).toBe('2026-03-08 03:00:00');
    expect(fromPacificText('2026-03-08 01:59:59')).toBe(winter);
    expect(fromPacificText('2026-03-08 03:00:00')).toBe(summer);
    expect(fromPacificText('2026-11-01 12:00:00')).toBe(Date.parse('2026-11-01T20:00:00Z'));
    expect(fromPacificText('2026-03-08T03:00:00')).toBeUndefined();
  });

  it('counts platform days from midnight GMT+8', () => {
    const justBefore = Date.parse('2026-03-15T15:59:59Z');
    expect(platformDay(justBefore + 1000)).toBe(platformDay(justBefore) + 1);
    expect(secondsToNextPlatformDay(justBefore)).toBe(1);
    expect(secondsToNextPlatformDay(justBefore + 1000)).toBe(86_400);
  });
});
