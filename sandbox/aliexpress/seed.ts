/**
 * Deterministic seed data: one product per SKU of the demo catalogue
 * (config/demo-catalogue/products.csv, copied here as a short list: the sandbox does not read
 * the catalogue code), each with one SKU whose price and stock the APIs change, and `count`
 * orders across the platform's statuses with buyers writing in Chinese, Russian and Spanish
 * among others. The same seed and start time always give the same data.
 */
import { seededRandom, type Random } from './prng.js';
import { textCents, type Buyer, type OrderLine, type SandboxOrder, type SandboxProduct } from './state.js';

/** sku, category id, English title, price in USD. */
export const DEMO_SKUS: readonly (readonly [string, number, string, string])[] = [
  ...['Black', 'White', 'Navy', 'Olive'].flatMap((colour) =>
    ['S', 'M', 'L'].map((size) => [`TS-${colour.slice(0, 3).toUpperCase()}-${size}`, 200000346, `Organic cotton T-shirt, ${colour}, size ${size}`, '27.50'] as const),
  ),
  ...(
    [
      ['TOTE', 'Leather tote bag', '165.00'],
      ['CROSS', 'Crossbody bag', '132.00'],
      ['CLUTCH', 'Evening clutch', '88.00'],
    ] as const
  ).flatMap(([style, title, price]) =>
    (
      [
        ['COG', 'Cognac'],
        ['BLA', 'Black'],
        ['BOR', 'Burgundy'],
      ] as const
    ).map(([code, colour]) => [`HB-${style}-${code}`, 200000345, `${title}, ${colour}`, price] as const),
  ),
  ...(
    [
      ['WHI', 'White'],
      ['SAG', 'Sage green'],
      ['SAN', 'Sand'],
    ] as const
  ).flatMap(([code, colour]) =>
    (
      [
        ['250', '14.20'],
        ['350', '16.40'],
        ['450', '18.60'],
      ] as const
    ).map(([ml, price]) => [`MUG-${code}-${ml}`, 100003070, `Porcelain mug, ${colour}, ${ml} ml`, price] as const),
  ),
];

export const BUYERS: readonly Omit<Buyer, 'loginId'>[] = [
  { firstName: '小明', lastName: '王', country: 'CN', countryName: 'China', province: '北京市', city: '北京', address: '朝阳区建国路88号', address2: 'SOHO现代城 3号楼 1202室', zip: '100022', phone: '13800138000' },
  { firstName: '娜', lastName: '李', country: 'CN', countryName: 'China', province: '上海市', city: '上海', address: '浦东新区世纪大道100号', zip: '200120', phone: '13900139000' },
  { firstName: 'Анна', lastName: 'Смирнова', country: 'RU', countryName: 'Russian Federation', province: 'Москва', city: 'Москва', address: 'ул. Тверская, д. 7, кв. 15', zip: '125009', phone: '9161234567' },
  { firstName: 'Дмитрий', lastName: 'Иванов', country: 'RU', countryName: 'Russian Federation', province: 'Санкт-Петербург', city: 'Санкт-Петербург', address: 'Невский проспект, 28', zip: '191186', phone: '9217654321' },
  { firstName: 'José', lastName: 'García Pérez', country: 'ES', countryName: 'Spain', province: 'Madrid', city: 'Madrid', address: 'Calle de Alcalá 42, 3º B', zip: '28014', phone: '612345678' },
  { firstName: 'María', lastName: 'Fernández Núñez', country: 'ES', countryName: 'Spain', province: 'Andalucía', city: 'Sevilla', address: 'Avenida de la Constitución 12', address2: 'Piso 2, puerta 4', zip: '41004', phone: '654321987' },
  { firstName: 'Emily', lastName: 'Johnson', country: 'US', countryName: 'United States', province: 'California', city: 'Mill Valley', address: '250 Miller Ave', zip: '94941', phone: '4155550123' },
  { firstName: 'Lucas', lastName: 'Oliveira', country: 'BR', countryName: 'Brazil', province: 'São Paulo', city: 'São Paulo', address: 'Rua Augusta, 1500, apto 82', zip: '01304-001', phone: '11987654321' },
];

/** Order statuses with their seed weight. */
const STATUSES: readonly (readonly [string, number])[] = [
  ['PLACE_ORDER_SUCCESS', 2],
  ['WAIT_SELLER_SEND_GOODS', 6],
  ['SELLER_PART_SEND_GOODS', 1],
  ['WAIT_BUYER_ACCEPT_GOODS', 3],
  ['FINISH', 3],
  ['IN_CANCEL', 1],
];

const SERVICES = ['CAINIAO_STANDARD', 'CPAM', 'DHL'] as const;

export interface SeedOptions {
  readonly count: number;
  readonly seed: number;
}

export interface Seed {
  readonly products: SandboxProduct[];
  readonly orders: SandboxOrder[];
}

function weighted(rng: Random, entries: readonly (readonly [string, number])[]): string {
  let r = rng.float() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of entries) {
    r -= w;
    if (r < 0) return v;
  }
  return entries[entries.length - 1]![0];
}

/** A fresh id with `prefix` and `digits` random digits, unique within `taken`. */
export function freshId(rng: Random, prefix: string, digits: number, taken: Set<string>): string {
  for (;;) {
    const id = `${prefix}${rng.digits(digits)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A plausible tracking number for a seeded shipment of `service`. */
export function trackingFor(rng: Random, service: string): string {
  if (service === 'CPAM') return `RR${rng.digits(9)}CN`;
  if (service === 'DHL') return rng.digits(10);
  return `LP${rng.digits(14)}`;
}

export function documentOf(categoryId: number, sku: { code: string; price: string; inventory: number }, title: string, imageUrls: string[]): Record<string, unknown> {
  const brand = categoryId === 200000346 ? 'Nordwind' : categoryId === 200000345 ? 'Atelier Elbe' : 'Porzellan Nord';
  const attributes: Record<string, unknown> =
    categoryId === 200000346
      ? { brand_name: brand, material: 'cotton', sleeve_length: 'short' }
      : categoryId === 200000345
        ? { brand_name: brand, main_material: 'leather' }
        : { brand_name: brand, capacity_ml: Number(/(\d+) ml/.exec(title)?.[1] ?? '250'), material: 'porcelain' };
  return {
    category_id: categoryId,
    locale: 'en_US',
    title_multi_language_list: [{ locale: 'en_US', title }],
    product_units_type: '100000015',
    image_url_list: imageUrls,
    package_weight: categoryId === 200000345 ? 0.9 : 0.3,
    ...attributes,
    sku_info_list: [{ sku_code: sku.code, price: sku.price, inventory: sku.inventory }],
  };
}

export function generateAliexpressSeed(options: SeedOptions, nowMs: number): Seed {
  const rng = seededRandom(options.seed);
  const ids = new Set<string>();
  const products: SandboxProduct[] = DEMO_SKUS.map(([code, categoryId, title, price]) => {
    const createdMs = nowMs - rng.between(40, 400) * 86_400_000;
    const imageUrls = [`https://ae01.alicdn.com/kf/sandbox/${code.toLowerCase()}.jpg`];
    const inventory = rng.between(5, 120);
    return {
      id: freshId(rng, '10050063', 9, ids),
      categoryId,
      subject: title,
      status: 'onSelling',
      createdMs,
      modifiedMs: createdMs + rng.between(0, 30) * 86_400_000,
      imageUrls,
      skus: [{ code, price, inventory, skuId: `14:${rng.between(100, 999)}#${code}` }],
      document: documentOf(categoryId, { code, price, inventory }, title, imageUrls),
    };
  });
  const orders: SandboxOrder[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = freshId(rng, '81', 17, ids);
    const status = weighted(rng, STATUSES);
    const createdMs = nowMs - rng.between(600, 30 * 86_400) * 1000;
    const modifiedMs = createdMs + Math.floor(rng.float() * (nowMs - createdMs));
    const person = rng.oneOf(BUYERS);
    const buyer: Buyer = { ...person, loginId: `${person.country.toLowerCase()}${rng.digits(10)}` };
    const serviceName = rng.oneOf(SERVICES);
    const lines: OrderLine[] = Array.from({ length: rng.between(1, 3) }, () => {
      const p = rng.oneOf(products);
      const sku = p.skus[0]!;
      return {
        childId: freshId(rng, '81', 17, ids),
        productId: p.id,
        skuCode: sku.code,
        name: p.subject,
        quantity: rng.between(1, 3),
        unitCents: textCents(sku.price) ?? 0,
        shippingCents: rng.oneOf([0, 0, 199, 349]),
        serviceName,
      };
    });
    const shipped = status === 'WAIT_BUYER_ACCEPT_GOODS' || status === 'FINISH' || status === 'SELLER_PART_SEND_GOODS';
    const cancelledFinish = status === 'FINISH' && rng.float() < 0.3;
    orders.push({
      id,
      status,
      createdMs,
      modifiedMs,
      ...(status === 'PLACE_ORDER_SUCCESS' ? {} : { paidMs: createdMs + 60_000 }),
      ...(status === 'FINISH' ? { endReason: cancelledFinish ? 'cancel_order_close_trade' : 'buyer_accept_goods' } : {}),
      buyer,
      lines,
      shipments:
        shipped && !cancelledFinish
          ? [{ serviceName, trackingNo: trackingFor(rng, serviceName), sendType: status === 'SELLER_PART_SEND_GOODS' ? 'part' : 'all', atMs: createdMs + (modifiedMs - createdMs) / 2 }]
          : [],
    });
  }
  return { products, orders };
}
