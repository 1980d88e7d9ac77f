/** The canonical Order's own rule beyond field shapes: its lines are addressed by unique ids. */
import { describe, expect, it } from 'vitest';
import { OrderSchema } from '../../../mappings/canonical/order.js';
import { makeLine, makeOrder } from '../../store/order-fixtures.js';

describe('OrderSchema', () => {
  it('refuses two lines with one id, naming the second line (a mapping fault the sync dead-letters, not a store failure)', () => {
    const order = makeOrder(1, { lines: [makeLine('o-1', 1)] });
    const r = OrderSchema.safeParse({ ...order, lines: [...order.lines, ...order.lines] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['lines.1.lineId', `"${order.lines[0]!.lineId}" appears twice in the order`]]);
    expect(OrderSchema.safeParse(order).success).toBe(true);
  });
});
