/**
 * Participants of the leagues without a curated team table (college teams, tennis players, UFC
 * fighters, esports teams: lib/core/leagues.ts). They are matched by the names both venues give
 * (Kalshi `yes_sub_title`, Polymarket outcome labels), compared in `normalizeName` form: equal
 * names are one participant. Where the venues name one participant differently, an alias group
 * here joins the names; until then the game is refused and the refusal names both labels, so the
 * operator sees what to add (docs/engine.md#matching).
 *
 * A label that is no participant (a placeholder before a bracket is decided, a Yes/No or draw
 * label on a two-way listing) is refused.
 */
import type { League } from '../market';
import { normalizeName } from './team';

/**
 * Per league, groups of names that denote ONE participant; a name may appear in one group only.
 * Only names seen on the venues belong here, each group with its source.
 */
export type ParticipantAliases = Readonly<Partial<Record<League, ReadonlyArray<readonly string[]>>>>;

export const PARTICIPANT_ALIASES: ParticipantAliases = {
  WNBA: [
    // Kalshi labels WNBA teams by city: `Los Angeles` on its championship event KXWNBA-26
    // (https://outcomecast.com/event/womens-pro-basketball-champion-kxwnba-26); Polymarket resolves
    // wnba-la-las-2026-05-23 to "Los Angeles Sparks" (https://orrery.me/markets/wnba-la-las-2026-05-23/markdown).
    // Both checked 2026-12-07; docs/leagues.md sources K21 and D1.
    ['Los Angeles Sparks', 'Los Angeles'],
    // Kalshi's game market KXWNBAGAME-26SEP24LVPHX-LV has yes_sub_title `Las Vegas` (a GET /markets payload recorded
    // in atronosky-glitch/MLB-VIP-Model tests/fixtures/kalshi_game_markets.json, commit 0bad15f57d80); Polymarket
    // titles wnba-la-las-2026-05-23 "Los Angeles Sparks vs. Las Vegas Aces"
    // (https://orrery.me/markets/wnba-la-las-2026-05-23/markdown). Checked 2026-12-07; docs/leagues.md sources K23 and D1.
    ['Las Vegas Aces', 'Las Vegas'],
  ],
  MLS: [
    // Kalshi labels MLS clubs by city: `Austin` in KXMLSGAME-26MAR21ATXLAFC, "Austin vs Los Angeles F"; Polymarket
    // lists mls-tor-aus-2026-04-18 as "Toronto FC vs. Austin FC". Checked 2026-12-07; docs/leagues.md sources K16 and D9.
    ['Austin FC', 'Austin'],
  ],
};

/** Labels that never name a participant of a two-way game. */
const NOT_A_PARTICIPANT = new Set([
  '',
  'tbd',
  'tba',
  'to be determined',
  'to be announced',
  'yes',
  'no',
  'draw',
  'tie',
]);

export type ParticipantKey =
  | { readonly ok: true; readonly key: string }
  | { readonly ok: false; readonly reason: string };

type AliasIndex = Map<string, Map<string, string | null>>;

function aliasIndex(table: ParticipantAliases): AliasIndex {
  const byLeague: AliasIndex = new Map();
  for (const [league, groups] of Object.entries(table)) {
    const index = new Map<string, string | null>();
    for (const group of groups ?? []) {
      const canonical = normalizeName(group[0] ?? '');
      for (const name of group) {
        const n = normalizeName(name);
        const prior = index.get(n);
        // A name in two groups joins two participants: it decides nothing (null).
        index.set(n, prior === undefined || prior === canonical ? canonical : null);
      }
    }
    byLeague.set(league, index);
  }
  return byLeague;
}

/** Each alias table's index, built once per table (the built-in one, or the built-in one plus the operator's). */
const INDEXES = new WeakMap<ParticipantAliases, AliasIndex>();

function indexOf(table: ParticipantAliases): AliasIndex {
  let index = INDEXES.get(table);
  if (!index) INDEXES.set(table, (index = aliasIndex(table)));
  return index;
}

/**
 * The built-in groups plus the operator's (`POLYMIX_ALIASES`, lib/config/env.ts), per league. A
 * name that ends up in two groups with different first names decides nothing (`participantKey`
 * refuses it), so an operator's group that contradicts a built-in one refuses those labels
 * rather than joining two participants.
 */
export function withAliases(
  extra: ParticipantAliases,
  base: ParticipantAliases = PARTICIPANT_ALIASES,
): ParticipantAliases {
  const out: Partial<Record<League, ReadonlyArray<readonly string[]>>> = { ...base };
  for (const [league, groups] of Object.entries(extra) as [League, ReadonlyArray<readonly string[]>][]) {
    if (!groups || groups.length === 0) continue;
    out[league] = [...(base[league] ?? []), ...groups];
  }
  return Object.freeze(out);
}

/**
 * The comparison key of a participant label in a league: its normalised form, or its alias
 * group's first name. Refused: a placeholder or Yes/No label, and a name two alias groups share.
 */
export function participantKey(
  league: League,
  label: string,
  aliases: ParticipantAliases = PARTICIPANT_ALIASES,
): ParticipantKey {
  const n = normalizeName(label);
  if (NOT_A_PARTICIPANT.has(n)) return { ok: false, reason: `"${label}" names no ${league} participant` };
  const canonical = indexOf(aliases).get(league)?.get(n);
  if (canonical === null) return { ok: false, reason: `"${label}" is in two ${league} alias groups` };
  return { ok: true, key: canonical ?? n };
}
