/**
 * The platform's clocks: `format_date` text in US Pacific time as the order samples show it
 * ("Jul. 31, 2025, 21:09:36 PDT."), `date_str` request values read as US Pacific wall time, and
 * the platform day (China time, UTC+8, no daylight saving) after which daily quotas reset.
 */
const PACIFIC = 'America/Los_Angeles';
const PACIFIC_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: PACIFIC,
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function parts(ms: number): Record<string, string> {
  return Object.fromEntries(PACIFIC_PARTS.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** `{ format_date, timestamp }` of an instant, the order replies' date object. */
export function platformDate(ms: number): { format_date: string; timestamp: string } {
  const p = parts(ms);
  return { format_date: `${p.month}. ${p.day}, ${p.year}, ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}.`, timestamp: String(ms) };
}

/** `yyyy-MM-dd HH:mm:ss` read as US Pacific wall time → epoch ms; undefined when malformed. */
export function pacificWallTimeMs(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (!Number.isFinite(asUtc)) return undefined;
  // Pacific is UTC-7 or UTC-8: try both offsets and keep the one that reads back as the same wall time.
  for (const hours of [7, 8]) {
    const ms = asUtc + hours * 3_600_000;
    const p = parts(ms);
    if (`${p.hour}:${p.minute}:${p.second}` === `${m[4]}:${m[5]}:${m[6]}`) return ms;
  }
  return asUtc + 8 * 3_600_000;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The platform day (days since the epoch in UTC+8) of an instant. */
export const platformDay = (ms: number): number => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);

/** Epoch ms at which the platform day after `ms` starts. */
export const nextPlatformDayMs = (ms: number): number => (platformDay(ms) + 1) * DAY_MS - CHINA_OFFSET_MS;

/** `yyyy-MM-dd HH:mm:ss` in UTC+8, the legacy ICBU `gmt_modified` text. */
export function chinaDateTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
