/**
 * Region block (docs/venues-polymarket.md#p5-region-block). A simulator knob, off by default: when
 * the caller is "in a restricted region", order placement answers what the CLOB answers from a
 * restricted IP, and `GET /api/geoblock` says so.
 *
 * - `GET /api/geoblock` → `{blocked, ip, country, region}`: the shape of
 *   https://docs.polymarket.com/api-reference/geoblock (on polymarket.com in production, not on
 *   the API hosts; served here on the CLOB port, where no CLOB path collides with it).
 * - `POST /order` and `POST /orders` → 403 `{"error":"Trading restricted in your region, please
 *   refer to available regions - https://docs.polymarket.com/developers/CLOB/geoblock"}`, checked
 *   BEFORE authentication. The text and the status are known only from third-party logs, not from
 *   a Polymarket page; the check-before-auth order from one third-party note
 *   (docs/venues-polymarket.md#p5-region-block). Cancels and reads stay open (the venue's
 *   "close-only" regions still allow closing; which other endpoints it blocks is unverified).
 */
import { z } from 'zod';
import { parseJson, type Route } from './http-kit';

/** The CLOB's answer to an order from a restricted region (third-party logs: docs/venues-polymarket.md#p5-region-block). */
export const REGION_RESTRICTED_ERROR =
  'Trading restricted in your region, please refer to available regions - https://docs.polymarket.com/developers/CLOB/geoblock';

/** Routes the block applies to: placing orders. */
const BLOCKED = new Set(['POST /order', 'POST /orders']);

export interface RegionState {
  readonly blocked: boolean;
  readonly ip: string;
  /** ISO 3166-1 alpha-2, e.g. "US". */
  readonly country: string;
  /** Subdivision code, e.g. "NY". */
  readonly region: string;
}

const regionInput = z
  .object({
    blocked: z.boolean(),
    ip: z.string().min(1).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    region: z.string().min(1).optional(),
  })
  .strict();

export type RegionInput = z.input<typeof regionInput>;

/** Where the docs example puts a blocked caller; an unblocked one defaults to Ireland (eu-west-1). */
const BLOCKED_DEFAULT = { country: 'US', region: 'NY' } as const;
const OPEN_DEFAULT = { country: 'IE', region: 'L' } as const;

export class RegionSetting {
  private current: RegionState;

  constructor(restricted = false) {
    this.current = RegionSetting.build({ blocked: restricted });
  }

  private static build(input: RegionInput): RegionState {
    const where = input.blocked ? BLOCKED_DEFAULT : OPEN_DEFAULT;
    return {
      blocked: input.blocked,
      ip: input.ip ?? '127.0.0.1',
      country: input.country ?? where.country,
      region: input.region ?? where.region,
    };
  }

  get(): RegionState {
    return this.current;
  }

  /** Turns the block on or off (optionally with the country and region `GET /api/geoblock` reports). */
  set(input: RegionInput): RegionState {
    this.current = RegionSetting.build(regionInput.parse(input));
    return this.current;
  }

  /** The public geoblock route and the admin knob (`POST /_sim/region`, never faulted). */
  routes(): Route[] {
    return [
      {
        method: 'GET',
        pattern: '/api/geoblock',
        handler: () => ({ status: 200, body: { ...this.current } }),
      },
      {
        method: 'POST',
        pattern: '/_sim/region',
        faultable: false,
        handler: ({ rawBody }) => {
          const parsed = regionInput.safeParse(parseJson(rawBody));
          if (!parsed.success) return { status: 400, body: { error: parsed.error.message } };
          return { status: 200, body: this.set(parsed.data) };
        },
      },
    ];
  }

  /**
   * Wraps the order-placing routes: blocked callers get the venue's 403 before any auth check.
   * `onBlocked` hears of each refused request (the simulator's order log).
   */
  guard(routes: readonly Route[], onBlocked: (error: string) => void = () => {}): Route[] {
    return routes.map((route) =>
      BLOCKED.has(`${route.method} ${route.pattern}`)
        ? {
            ...route,
            handler: (request) => {
              if (!this.current.blocked) return route.handler(request);
              onBlocked(REGION_RESTRICTED_ERROR);
              return { status: 403, body: { error: REGION_RESTRICTED_ERROR } };
            },
          }
        : route,
    );
  }
}
