/**
 * The EventBridge scheduled event, as far as the scheduled functions read it: its `id` makes a
 * repeated delivery harmless (the store's invocation claim), so a missing id is refused.
 */
import { z } from 'zod';

export const scheduledEventSchema = z
  .object({
    id: z.string().min(1).max(200),
    'detail-type': z.string().optional(),
    source: z.string().optional(),
    time: z.string().optional(),
  })
  .loose();

export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

/** The part of the Lambda context the scheduled functions use. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?: () => number;
  awsRequestId?: string;
}
