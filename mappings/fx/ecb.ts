/**
 * ECB euro foreign exchange reference rates (eurofxref-daily.xml, eurofxref-hist-90d.xml,
 * eurofxref-hist.xml) → canonical FxRate. Pure and total.
 *
 * Input: the document as xml2js parses it with `{ xmlns: true }` (connectors/fx does that):
 * elements carry `$ns: { uri, local }`, attributes are `{ value, local, uri }`, children are
 * arrays keyed by qualified name. A document parsed without `xmlns` (plain attribute strings,
 * no `$ns`) is read too, by local names. The file's layout:
 *
 *   <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
 *                    xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
 *     <Cube>                                   one outer Cube
 *       <Cube time="2018-06-11">               one per published day, newest first
 *         <Cube currency="USD" rate="1.1790"/> 1 EUR = rate units of currency
 *
 * Rates keep the text ECB published ("1.1790" in the daily file, "1.179" in the 90-day one).
 */
import { isCalendarDate } from './calendar-date.js';
import type { FxRate } from '../canonical/fx.js';
import { MappingError, fail, ok, type MappingResult } from '../canonical/result.js';
import { checkCurrencyCode, ECB_SOURCE, FxIssues, notIsoMessage, positiveDecimalText, type FxRateBatch } from './rate-batch.js';

export const ECB_RECORD_TYPE = 'fx.ecb';
export const GESMES_NAMESPACE = 'http://www.gesmes.org/xml/2002-08-01';
export const EUROFXREF_NAMESPACE = 'http://www.ecb.int/vocabulary/2002-08-01/eurofxref';
/** The reference rates are quoted against the euro. */
export const ECB_BASE_CURRENCY = 'EUR';

const RECORD = '(document)';

type XmlNode = Readonly<Record<string, unknown>>;

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface ElementName {
  readonly local: string;
  /** Undefined when the document was parsed without namespaces. */
  readonly uri: string | undefined;
}

function nameOf(node: XmlNode, qname: string): ElementName {
  const ns = node.$ns;
  if (isNode(ns) && typeof ns.local === 'string' && typeof ns.uri === 'string') return { local: ns.local, uri: ns.uri };
  const colon = qname.indexOf(':');
  return { local: colon < 0 ? qname : qname.slice(colon + 1), uri: undefined };
}

/** Child elements with local name `local`, in document order per qualified name. */
function children(node: XmlNode, local: string): { node: XmlNode; name: ElementName }[] {
  const out: { node: XmlNode; name: ElementName }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$' || key === '$ns' || key === '_') continue;
    const list = Array.isArray(value) ? value : [value];
    for (const child of list) {
      // Text-only elements parsed without namespaces come back as plain strings.
      const element: XmlNode = isNode(child) ? child : { _: child };
      const name = nameOf(element, key);
      if (name.local === local) out.push({ node: element, name });
    }
  }
  return out;
}

/** An unprefixed attribute's value (ECB's attributes carry no namespace). */
function attribute(node: XmlNode, local: string): unknown {
  const attrs = node.$;
  if (!isNode(attrs)) return undefined;
  for (const [key, value] of Object.entries(attrs)) {
    if (isNode(value)) {
      if (value.local === local && (value.uri === '' || value.uri === undefined)) return value.value;
    } else if (key === local) {
      return value;
    }
  }
  return undefined;
}

function checkNamespace(name: ElementName, expected: string, field: string, issues: FxIssues): boolean {
  if (name.uri === undefined || name.uri === expected) return true;
  issues.add(field, `is in namespace "${name.uri}", expected "${expected}"`);
  return false;
}

/**
 * Maps an ECB reference-rate document to FxRates (source `ecb`, base EUR). An HTML page, a
 * wrong root element, a missing or empty Cube, a bad date or a rate that is not a positive
 * decimal is a MappingError naming the field; codes outside the ISO 4217 table are listed
 * in `skipped`.
 */
export function ecbXmlToFxRates(doc: unknown): MappingResult<FxRateBatch> {
  const issues = new FxIssues();
  const error = (): MappingResult<FxRateBatch> => fail(new MappingError(ECB_RECORD_TYPE, undefined, issues.list()));
  if (!isNode(doc)) {
    issues.add(RECORD, doc === null || doc === undefined ? 'is empty (no root element)' : 'is not a parsed XML document');
    return error();
  }
  const roots = Object.entries(doc);
  if (roots.length !== 1 || !isNode(roots[0]![1])) {
    issues.add(RECORD, `expected one root element, found ${roots.length}`);
    return error();
  }
  const [rootQname, rootValue] = roots[0]!;
  const root = rootValue as XmlNode;
  const rootName = nameOf(root, rootQname);
  if (rootName.local !== 'Envelope') {
    issues.add('(root)', `root element is <${rootQname}>, expected gesmes:Envelope: not an ECB reference-rate file`);
    return error();
  }
  if (!checkNamespace(rootName, GESMES_NAMESPACE, '(root)', issues)) return error();

  const outer = children(root, 'Cube');
  if (outer.length !== 1) {
    issues.add('Cube', outer.length === 0 ? 'is missing: the envelope holds no rates' : `appears ${outer.length} times, expected once`);
    return error();
  }
  const cube = outer[0]!;
  if (!checkNamespace(cube.name, EUROFXREF_NAMESPACE, 'Cube', issues)) return error();
  const days = children(cube.node, 'Cube');
  if (days.length === 0) {
    issues.add('Cube', 'is empty: no dated Cube (no rates published)');
    return error();
  }

  const rates: FxRate[] = [];
  const skipped = new FxIssues();
  /** date → currency → index into rates */
  const seen = new Map<string, Map<string, number>>();
  days.forEach((day, i) => {
    const rawTime = attribute(day.node, 'time');
    const time = typeof rawTime === 'string' ? rawTime : undefined;
    const dayField = time !== undefined && isCalendarDate(time) ? `Cube.Cube[time=${time}]` : `Cube.Cube[${i}]`;
    if (!checkNamespace(day.name, EUROFXREF_NAMESPACE, dayField, issues)) return;
    if (time === undefined) {
      issues.add(`${dayField}@time`, 'is missing');
      return;
    }
    if (!isCalendarDate(time)) {
      issues.add(`${dayField}@time`, 'is not a calendar date YYYY-MM-DD', time);
      return;
    }
    const entries = children(day.node, 'Cube');
    if (entries.length === 0) {
      issues.add(dayField, 'is empty: no currency Cube on that day');
      return;
    }
    let byCurrency = seen.get(time);
    if (byCurrency === undefined) {
      byCurrency = new Map();
      seen.set(time, byCurrency);
    }
    entries.forEach((entry, j) => {
      const rawCurrency = attribute(entry.node, 'currency');
      const currency = typeof rawCurrency === 'string' ? rawCurrency : undefined;
      const field = currency === undefined ? `${dayField}.Cube[${j}]` : `${dayField}.Cube[currency=${currency}]`;
      if (!checkNamespace(entry.name, EUROFXREF_NAMESPACE, field, issues)) return;
      const rawRate = attribute(entry.node, 'rate');
      if (currency === undefined) {
        issues.add(`${field}@currency`, 'is missing');
        return;
      }
      const check = checkCurrencyCode(currency);
      if (check === 'malformed') {
        issues.add(`${field}@currency`, 'is not a three-letter currency code', currency);
        return;
      }
      if (currency === ECB_BASE_CURRENCY) {
        issues.add(`${field}@currency`, 'is the base currency EUR itself');
        return;
      }
      if (typeof rawRate !== 'string') {
        issues.add(`${field}@rate`, 'is missing');
        return;
      }
      const rate = positiveDecimalText(rawRate.trim());
      // ECB writes plain decimals; exponent notation would not be its format.
      if (rate === undefined || rate !== rawRate.trim()) {
        issues.add(`${field}@rate`, 'is not a positive decimal number', rawRate);
        return;
      }
      if (check === 'not_iso') {
        skipped.add(`${field}@currency`, notIsoMessage(currency), currency);
        return;
      }
      const previous = byCurrency.get(currency);
      if (previous !== undefined) {
        const earlier = rates[previous]!;
        if (earlier.rate !== rate) issues.add(field, `appears twice on ${time} with different rates (${earlier.rate} and ${rate})`);
        return;
      }
      byCurrency.set(currency, rates.length);
      rates.push({ source: ECB_SOURCE, base: ECB_BASE_CURRENCY, quote: currency, date: time, rate });
    });
  });

  if (issues.size > 0) return error();
  return ok({ rates, skipped: skipped.list() });
}
