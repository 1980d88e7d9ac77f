/**
 * ECB's reference-rate files, byte for byte in ECB's layouts: the daily file tab-indented
 * with single quotes and the daily-file decimals ("1.1790"); the 90-day and full-history
 * files one day per line with double quotes and trailing zeros dropped ("1.179").
 */
import type { EcbDay } from './generated-rates.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ENVELOPE_OPEN =
  '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">';
const SUBJECT = '<gesmes:subject>Reference rates</gesmes:subject>';
const SENDER = '<gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>';

/** "1.1790" → "1.179", "134.0" → "134": the history files' number style. */
export function withoutTrailingZeros(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

/** eurofxref-daily.xml for one day. */
export function renderDailyXml(day: EcbDay): string {
  const lines = [
    DECLARATION,
    ENVELOPE_OPEN,
    `\t${SUBJECT}`,
    '\t<gesmes:Sender>',
    '\t\t<gesmes:name>European Central Bank</gesmes:name>',
    '\t</gesmes:Sender>',
    '\t<Cube>',
    `\t\t<Cube time='${day.date}'>`,
    ...Object.entries(day.rates).map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>`),
    '\t\t</Cube>',
    '\t</Cube>',
    '</gesmes:Envelope>',
  ];
  return `${lines.join('\n')}\n`;
}

/** eurofxref-hist-90d.xml / eurofxref-hist.xml for days given newest first. */
export function renderHistoryXml(days: readonly EcbDay[]): string {
  const cubes = days.map(
    (day) =>
      `<Cube time="${day.date}">` +
      Object.entries(day.rates)
        .map(([currency, rate]) => `<Cube currency="${currency}" rate="${withoutTrailingZeros(rate)}"/>`)
        .join('') +
      '</Cube>',
  );
  return `${DECLARATION}${ENVELOPE_OPEN}${SUBJECT}${SENDER}<Cube>${cubes.join('\n')}</Cube></gesmes:Envelope>\n`;
}
