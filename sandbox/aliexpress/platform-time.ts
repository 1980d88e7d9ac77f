/**
 * The two clocks the platform speaks: order times are US Pacific wall-clock text
 * (`yyyy-MM-dd HH:mm:ss`, daylight saving included), and the daily app quota resets at
 * midnight China Standard Time (GMT+8, no daylight saving).
 */
const PACIFIC = 'America/Los_Angeles';
const pacificParts = new Intl.DateTimeFormat('en-US', {
  timeZone: PACIFIC,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(pacificParts.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms → Pacific `yyyy-MM-dd HH:mm:ss`. */
export function toPacificText(ms: number): string {
  const w = wallClock(ms);
  return `${w.y}-${two(w.mo)}-${two(w.d)} ${two(w.h)}:${two(w.mi)}:${two(w.s)}`;
}

const PLATFORM_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Pacific `yyyy-MM-dd HH:mm:ss` → epoch ms; undefined when the text is not in that form. */
export function fromPacificText(text: string): number | undefined {
  const m = PLATFORM_TIME.exec(text);
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  // The zone's offset at a guess, then at the corrected instant (right across a DST change).
  let ms = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(ms);
    ms = asUtc - (Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - ms);
  }
  return ms;
}

const GMT8_MS = 8 * 3600_000;

/** The platform day (GMT+8) of an instant, as a number that changes at its midnight. */
export function platformDay(ms: number): number {
  return Math.floor((ms + GMT8_MS) / 86_400_000);
}

/** Seconds from `ms` to the next GMT+8 midnight (at least 1). */
export function secondsToNextPlatformDay(ms: number): number {
  const next = (platformDay(ms) + 1) * 86_400_000 - GMT8_MS;
  return Math.max(1, Math.ceil((next - ms) / 1000));
}
