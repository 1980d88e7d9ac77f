/**
 * The Open Platform's `date_str` is wall-clock text in America/Los_Angeles (API reference of
 * /alibaba/order/list: "the date_str time zone, which is America/Los_Angeles").
 */
const LOS_ANGELES = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An epoch-ms instant as `yyyy-MM-dd HH:mm:ss` US Pacific time (daylight saving applied). */
export function alibabaDateStr(epochMs: number): string {
  // The Swedish locale writes ISO-like `2026-03-01 00:00:00`.
  return LOS_ANGELES.format(new Date(epochMs));
}
