/** Reads the fx fixtures (copies of ../shared/vendor/fx, see test/fixtures/fx/SOURCE.md). */
import { readFileSync } from 'node:fs';
import { parseEcbXml } from '../../../connectors/fx/schemas.js';
import { readDecimalJson } from '../../../connectors/fx/decimal-json.js';

const FIXTURES = new URL('../../fixtures/fx/', import.meta.url);

export function fxFixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** An ECB file as the connector parses it (xml2js, namespace-aware). */
export async function ecbDoc(xml: string): Promise<unknown> {
  const parsed = await parseEcbXml(xml);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.message}`);
  return parsed.doc;
}

/** An XE body as the connector reads it (numbers as decimal text). */
export function xeBody(text: string): unknown {
  const read = readDecimalJson(text);
  if (!read.ok) throw new Error(`fixture is not JSON: ${read.message}`);
  return read.value;
}

export const ECB_DAILY_2018_06_11 = 'ecb/eurofxref-daily_2018-06-11.xml';
export const ECB_90D_2018_06_11 = 'ecb/eurofxref-hist-90d_2018-06-11.xml';
export const ECB_90D_2019_11_29 = 'ecb/eurofxref-hist-90d_2019-11-29.xml';
export const ECB_HIST_2019_12_17_TO_2020_01_28 = 'ecb/eurofxref-hist_2019-12-17_to_2020-01-28.xml';

/** ECB's 32 currencies of 2018–2020, in the files' order. */
export const ECB_CURRENCIES_2018 = [
  'USD', 'JPY', 'BGN', 'CZK', 'DKK', 'GBP', 'HUF', 'PLN', 'RON', 'SEK', 'CHF', 'ISK', 'NOK', 'HRK', 'RUB', 'TRY',
  'AUD', 'BRL', 'CAD', 'CNY', 'HKD', 'IDR', 'ILS', 'INR', 'KRW', 'MXN', 'MYR', 'NZD', 'PHP', 'SGD', 'THB', 'ZAR',
];
