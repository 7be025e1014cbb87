/**
 * Message texts, pure. The arb announcement follows the original PolyMix's wording
 * (`🔴 LIVE 💰 New Arb: Lakers vs Celtics`, then mode, sport, type, profit, ROI, cost, time);
 * the same style covers leg failures, unwinds, halts and settlements.
 */
import type { VenueName } from '../core/market';
import type { TradingMode } from '../core/mode';
import { displayUsd, type Micros } from '../core/money';
import type { Notification } from './ports';

function modeTag(mode: TradingMode): string {
  return mode === 'live' ? '🔴 LIVE' : '📄 PAPER';
}

/** ROI in parts per million → "2.35%". */
export function formatRoi(roiPpm: number): string {
  return `${(roiPpm / 10_000).toFixed(2)}%`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export interface ArbAnnouncement {
  readonly mode: TradingMode;
  /** "Lakers vs Celtics". */
  readonly title: string;
  readonly league: string;
  /** e.g. "Polymarket Lakers + Kalshi BOS NO". */
  readonly type: string;
  readonly expectedProfitMicros: Micros;
  readonly roiPpm: number;
  readonly costMicros: Micros;
  readonly atMs: number;
}

export function newArbMessage(a: ArbAnnouncement): Notification {
  const subject = `${modeTag(a.mode)} 💰 New Arb: ${a.title}`;
  return {
    subject,
    severity: 'info',
    text: [
      subject,
      `Mode: ${a.mode.toUpperCase()}`,
      `Sport: ${a.league}`,
      `Type: ${a.type}`,
      `Profit: ${displayUsd(a.expectedProfitMicros)}`,
      `ROI: ${formatRoi(a.roiPpm)}`,
      `Cost: ${displayUsd(a.costMicros)}`,
      `Time: ${iso(a.atMs)}`,
    ].join('\n'),
  };
}

export function legFailureMessage(a: {
  mode: TradingMode;
  title: string;
  leg: string;
  reason: string;
  atMs: number;
}): Notification {
  const subject = `${modeTag(a.mode)} ⚠️ Leg failed: ${a.title}`;
  return {
    subject,
    severity: 'warning',
    text: [subject, `Leg: ${a.leg}`, `Reason: ${a.reason}`, `Time: ${iso(a.atMs)}`].join('\n'),
  };
}

export function unwindMessage(a: {
  mode: TradingMode;
  title: string;
  realizedLossMicros: Micros;
  complete: boolean;
  atMs: number;
}): Notification {
  const subject = `${modeTag(a.mode)} ↩️ Unwound: ${a.title}`;
  return {
    subject,
    severity: a.complete ? 'warning' : 'critical',
    text: [
      subject,
      `Realised loss: ${displayUsd(a.realizedLossMicros)}`,
      a.complete ? 'Position closed.' : 'POSITION NOT FULLY CLOSED: operator action needed.',
      `Time: ${iso(a.atMs)}`,
    ].join('\n'),
  };
}

export function haltMessage(a: { mode: TradingMode; reason: string; atMs: number }): Notification {
  const subject = `${modeTag(a.mode)} 🛑 Trading halted`;
  return { subject, severity: 'critical', text: [subject, `Reason: ${a.reason}`, `Time: ${iso(a.atMs)}`].join('\n') };
}

export function settlementMessage(a: {
  mode: TradingMode;
  title: string;
  pnlMicros: Micros;
  outcome: string;
  atMs: number;
}): Notification {
  const subject = `${modeTag(a.mode)} ✅ Settled: ${a.title}`;
  return {
    subject,
    severity: 'info',
    text: [subject, `Outcome: ${a.outcome}`, `P&L: ${displayUsd(a.pnlMicros)}`, `Time: ${iso(a.atMs)}`].join('\n'),
  };
}

export const VENUE_LABEL: Readonly<Record<VenueName, string>> = {
  polymarket: 'Polymarket',
  kalshi: 'Kalshi',
  'polymarket-us': 'Polymarket US',
};

/** A venue's cash funds fewer trades than the alert threshold (docs/capital.md#runway). */
export function lowRunwayMessage(a: {
  mode: TradingMode;
  venue: VenueName;
  cashMicros: Micros;
  runwayTrades: number;
  perTradeMicros: Micros;
  alertBelowTrades: number;
  /** `ledger`: paper, where both venues draw on the one ledger balance. */
  source: 'venue' | 'ledger';
  atMs: number;
}): Notification {
  const venue = VENUE_LABEL[a.venue];
  const subject = `${modeTag(a.mode)} 🪫 Low runway: ${venue}`;
  const lines = [
    subject,
    `${venue} ${a.source === 'ledger' ? 'ledger balance' : 'cash'}: ${displayUsd(a.cashMicros)}`,
    `Runway: ${a.runwayTrades} trade${a.runwayTrades === 1 ? '' : 's'} at up to ${displayUsd(a.perTradeMicros)} each (alert below ${a.alertBelowTrades})`,
    a.source === 'ledger'
      ? 'Paper: both venues draw on the ledger balance.'
      : `Move cash to ${venue}, or lower LIVE_TRADING_BET_AMOUNT.`,
  ];
  if (a.source === 'venue' && a.venue === 'polymarket')
    lines.push('Winning Polymarket positions pay only once redeemed; PolyMix does not redeem them yet.');
  lines.push(`Time: ${iso(a.atMs)}`);
  return { subject, severity: 'warning', text: lines.join('\n') };
}
