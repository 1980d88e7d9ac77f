/** The `listings:` section of a connection: checked at load, every fault named by its path. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/errors.js';
import { DEMO_CONFIG_PATH, findConnection, loadTenantsConfig, parseTenantsConfig } from '../../config/tenants-config.js';

const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';
const AT = 'tenants.acme.connections.amazon-eu.listings';

const listings = (patch: Record<string, unknown> = {}) => ({
  tables: { colours: { navy: 'Blue' } },
  marketplaces: {
    [DE]: { languageTag: 'de_DE', price: { rule: 'fixed', currency: 'EUR' } },
    [UK]: { languageTag: 'en_GB', price: { rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99' } },
  },
  productTypes: {
    tshirt: {
      productType: 'SHIRT',
      attributes: {
        item_name: { expr: '$lookup(product.title, marketplace.locale)', languageTag: true },
        color: { table: 'colours', key: 'product.attributes.colour' },
        condition_type: { fixed: 'new_new' },
      },
    },
  },
  ...patch,
});
const tshirtWith = (attributes: Record<string, unknown>) => ({ tshirt: { productType: 'SHIRT', attributes } });
const marketWith = (price: unknown, languageTag = 'de_DE') => ({ [DE]: { languageTag, price } });

const config = (l: unknown, connection: Record<string, unknown> = {}) => ({
  tenants: {
    acme: {
      connections: {
        'amazon-eu': {
          vendor: 'amazon',
          settings: { region: 'eu', marketplaceIds: [DE, UK] },
          secrets: { clientId: { env: 'A_ID' }, clientSecret: { env: 'A_SECRET' }, refreshToken: { env: 'A_RT' } },
          listings: l,
          ...connection,
        },
      },
    },
  },
});

describe('listings config', () => {
  it('keeps a good section as the engines read it', () => {
    const c = parseTenantsConfig(config(listings()), {});
    const l = findConnection(c, 'acme', 'amazon-eu').listings!;
    expect(l.marketplaces[UK]).toEqual({ languageTag: 'en_GB', price: { rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99' } });
    expect(l.productTypes['tshirt']!.attributes['color']).toEqual({ table: 'colours', key: 'product.attributes.colour' });
    expect(l.tables).toEqual({ colours: { navy: 'Blue' } });
  });

  it('the demo config lists amazon-eu (DE, FR, IT, ES fixed; UK converted), amazon-na (US, CA converted) and amazon-fe (JP converted)', () => {
    const c = loadTenantsConfig(DEMO_CONFIG_PATH, {});
    const eu = findConnection(c, 'demo', 'amazon-eu').listings!;
    expect(Object.fromEntries(Object.entries(eu.productTypes).map(([k, v]) => [k, v.productType]))).toEqual({ tshirt: 'SHIRT', handbag: 'HANDBAG', mug: 'DRINKING_CUP' });
    expect(Object.values(eu.marketplaces).map((m) => m.price.rule)).toEqual(['fixed', 'fixed', 'fixed', 'fixed', 'convert']);
    expect(eu.marketplaces[UK]!.price).toEqual({ rule: 'convert', currency: 'GBP', margin: '1.1', ending: '0.99', direction: 'up' });
    const fe = findConnection(c, 'demo', 'amazon-fe').listings!;
    expect(fe.marketplaces['A1VC38T7YXB528']!.price).toMatchObject({ rule: 'convert', currency: 'JPY', ending: { roundTo: '100' } });
    const na = findConnection(c, 'demo', 'amazon-na').listings!;
    expect(Object.values(na.marketplaces).map((m) => [m.price.rule, m.price.currency])).toEqual([['convert', 'USD'], ['convert', 'CAD']]);
    expect(Object.keys(na.productTypes)).toEqual(['tshirt', 'handbag', 'mug']);
  });

  it.each([
    ['an expression that does not compile', listings({ productTypes: tshirtWith({ item_name: { expr: '$lookup(product.title, ' } }) }), `${AT}.productTypes.tshirt.attributes.item_name: JSONata syntax error at`],
    ['a table key that does not compile', listings({ productTypes: tshirtWith({ color: { table: 'colours', key: 'product.[' } }) }), `${AT}.productTypes.tshirt.attributes.color: key: JSONata syntax error at`],
    ['no source', listings({ productTypes: tshirtWith({ item_name: { languageTag: true } }) }), `${AT}.productTypes.tshirt.attributes.item_name: needs exactly one of fixed, table (with key) or expr`],
    ['two sources', listings({ productTypes: tshirtWith({ item_name: { fixed: 'x', expr: 'product.sku' } }) }), 'needs exactly one of fixed, table (with key) or expr (has fixed, expr)'],
    ['a table without a key', listings({ productTypes: tshirtWith({ color: { table: 'colours' } }) }), `${AT}.productTypes.tshirt.attributes.color.key: a table lookup needs a key expression`],
    ['a key without a table', listings({ productTypes: tshirtWith({ color: { expr: 'product.sku', key: 'x' } }) }), `${AT}.productTypes.tshirt.attributes.color: key and default belong to a table lookup`],
    ['an undeclared table', listings({ productTypes: tshirtWith({ color: { table: 'colors', key: 'product.attributes.colour' } }) }), `${AT}.productTypes.tshirt.attributes.color.table: no table "colors" in listings.tables (declared: colours)`],
    ['an unknown option', listings({ productTypes: tshirtWith({ color: { fixed: 'Blue', language: 'de' } }) }), `${AT}.productTypes.tshirt.attributes.color: Unrecognized key: "language"`],
    ['a product type in lower case', listings({ productTypes: { tshirt: { productType: 'shirt', attributes: { condition_type: { fixed: 'new_new' } } } } }), `${AT}.productTypes.tshirt.productType: must be a product type name such as SHIRT, or a category id`],
    ['unknown requirements', listings({ productTypes: { tshirt: { productType: 'SHIRT', requirements: 'OFFER', attributes: { condition_type: { fixed: 'new_new' } } } } }), `${AT}.productTypes.tshirt.requirements`],
    ['no attributes', listings({ productTypes: { tshirt: { productType: 'SHIRT', attributes: {} } } }), `${AT}.productTypes.tshirt.attributes: needs at least one attribute`],
    ['an attribute name Amazon cannot have', listings({ productTypes: tshirtWith({ 'Item Name': { fixed: 'x' } }) }), `${AT}.productTypes.tshirt.attributes.Item Name: Invalid key`],
    ['a bad language tag', listings({ marketplaces: marketWith({ rule: 'fixed', currency: 'EUR' }, 'de-DE') }), `${AT}.marketplaces.${DE}.languageTag: must be a language tag such as de_DE`],
    ['a margin given as a YAML number', listings({ marketplaces: marketWith({ rule: 'convert', currency: 'EUR', margin: 1.1 }) }), `${AT}.marketplaces.${DE}.price.margin: must be a factor written as quoted text`],
    ['a zero margin', listings({ marketplaces: marketWith({ rule: 'convert', currency: 'EUR', margin: '0' }) }), `${AT}.marketplaces.${DE}.price.margin: must be more than zero`],
    ['an ending the currency cannot write', listings({ marketplaces: marketWith({ rule: 'convert', currency: 'JPY', ending: '0.99' }) }), `${AT}.marketplaces.${DE}.price.ending: .99 ending needs 2 decimals, JPY has 0`],
    ['an ending of no known form', listings({ marketplaces: marketWith({ rule: 'convert', currency: 'EUR', ending: '0.49' }) }), `${AT}.marketplaces.${DE}.price.ending: must be "0.99", "0.95", "whole" or { roundTo: "100", minus: "20" }`],
    ['an ending as large as its step', listings({ marketplaces: marketWith({ rule: 'convert', currency: 'JPY', ending: { roundTo: '100', minus: '100' } }) }), `${AT}.marketplaces.${DE}.price.ending: the ending must be smaller than the step`],
    ['a bad direction', listings({ marketplaces: marketWith({ rule: 'convert', currency: 'EUR', direction: 'down' }) }), `${AT}.marketplaces.${DE}.price.direction`],
    ['a fixed amount with too many decimals', listings({ marketplaces: marketWith({ rule: 'fixed', currency: 'JPY', amount: '19.80' }) }), `${AT}.marketplaces.${DE}.price.amount: has more decimals than JPY allows (0)`],
    ['an unknown rule', listings({ marketplaces: marketWith({ rule: 'match-competitor', currency: 'EUR' }) }), `${AT}.marketplaces.${DE}.price.rule: must be { rule: fixed, currency } or { rule: convert`],
    ['a currency that is not ISO 4217', listings({ marketplaces: marketWith({ rule: 'fixed', currency: 'EURO' }) }), `${AT}.marketplaces.${DE}.price.currency`],
    ['a marketplace the connection does not serve', listings({ marketplaces: { A1VC38T7YXB528: { languageTag: 'ja_JP', price: { rule: 'fixed', currency: 'JPY' } } } }), `${AT}.marketplaces.A1VC38T7YXB528: is not one of the connection's settings.marketplaceIds (${DE}, ${UK})`],
  ])('names %s', (_what, section, expected) => {
    expect(() => parseTenantsConfig(config(section), {})).toThrow(ConfigError);
    expect(() => parseTenantsConfig(config(section), {})).toThrow(expected);
  });

  it('refuses a listings section on a vendor that lists nothing', () => {
    const vies = { vendor: 'vies', settings: { requester: { memberStateCode: 'DE', number: '123456789' } }, listings: listings() };
    const raw = { tenants: { acme: { connections: { vies } } } };
    expect(() => parseTenantsConfig(raw, {})).toThrow('tenants.acme.connections.vies.listings: vies takes no listings mapping (vendors that do: amazon, aliexpress, alibaba)');
  });
});
