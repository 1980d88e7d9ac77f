import { z } from 'zod';

/** A Temporal Schedule for a flow of one connection, created by `caravan schedules apply`. */
export const FlowScheduleSchema = z
  .object({
    /** Interval such as 15m, 1h, 1d (at least one minute). */
    every: z.string().regex(/^[1-9]\d*(m|h|d)$/, 'must be a whole number of minutes, hours or days, e.g. 15m, 1h, 1d'),
    paused: z.boolean().default(false),
  })
  .strict();
export type FlowSchedule = z.infer<typeof FlowScheduleSchema>;
