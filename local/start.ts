/**
 * `npm start` — the local runner (issue: one-command local run) is not built yet.
 * Until it is, say so plainly instead of pretending to trade.
 */
console.error(
  'PolyMix: the local runner (`npm start`) is not available yet.\n' +
    'What works today: `npm test` (the exact core, venue clients and simulators as they land).\n' +
    'See README.md, section "Status".',
);
process.exitCode = 1;
