/**
 * Participant keys of the leagues matched by venue labels (lib/core/teams/participants.ts): equal
 * normalised labels are one participant, an alias group joins differing ones, and anything
 * uncertain (a placeholder, a name two groups share) is refused with a reason.
 */
import { PARTICIPANT_ALIASES, participantKey } from '../../../lib/core/teams/participants';

describe('participantKey', () => {
  it('compares labels in normalised form: case, accents and punctuation do not matter', () => {
    expect(participantKey('ATP', 'Félix Auger-Aliassime')).toEqual(participantKey('ATP', 'felix auger aliassime'));
    expect(participantKey('NCAAMB', 'Miami (OH)')).toEqual(participantKey('NCAAMB', 'MIAMI OH'));
    expect(participantKey('NCAAMB', 'Miami (OH)')).not.toEqual(participantKey('NCAAMB', 'Miami'));
  });

  it('refuses labels that name no participant', () => {
    for (const label of ['', 'TBD', 'To be determined', 'Yes', 'No', 'Draw', 'Tie']) {
      expect(participantKey('UFC', label)).toEqual({ ok: false, reason: `"${label}" names no UFC participant` });
    }
  });

  it('joins the names of an alias group under its first name, per league only', () => {
    const aliases = { WTA: [['Iga Swiatek', 'I. Swiatek']] };
    expect(participantKey('WTA', 'I. Swiatek', aliases)).toEqual({ ok: true, key: 'iga swiatek' });
    expect(participantKey('ATP', 'I. Swiatek', aliases)).toEqual({ ok: true, key: 'i swiatek' });
  });

  it('refuses a name that two alias groups share: it decides nothing', () => {
    const aliases = {
      NCAAMB: [
        ['Miami (FL)', 'Miami'],
        ['Miami (OH)', 'Miami'],
      ],
    };
    expect(participantKey('NCAAMB', 'Miami', aliases)).toEqual({
      ok: false,
      reason: '"Miami" is in two NCAAMB alias groups',
    });
    expect(participantKey('NCAAMB', 'Miami (OH)', aliases)).toEqual({ ok: true, key: 'miami oh' });
  });

  it('ships only groups whose names are unique across the league', () => {
    for (const [league, groups] of Object.entries(PARTICIPANT_ALIASES)) {
      for (const group of groups ?? []) {
        const keys = group.map((name) => participantKey(league as never, name));
        expect(keys.every((k) => k.ok)).toBe(true);
        expect(new Set(keys.map((k) => (k.ok ? k.key : '')))).toEqual(new Set([keys[0]?.ok ? keys[0].key : '']));
      }
    }
    // The WNBA group: Kalshi's city label and Polymarket's full name (docs/leagues.md).
    expect(participantKey('WNBA', 'Los Angeles')).toEqual(participantKey('WNBA', 'Los Angeles Sparks'));
    expect(participantKey('WNBA', 'Las Vegas')).toEqual(participantKey('WNBA', 'Las Vegas Aces'));
    expect(participantKey('WNBA', 'Las Vegas')).not.toEqual(participantKey('WNBA', 'Los Angeles'));
    // The MLS group: Kalshi's city label and Polymarket's club name; other leagues are untouched.
    expect(participantKey('MLS', 'Austin')).toEqual(participantKey('MLS', 'Austin FC'));
    expect(participantKey('NCAAMB', 'Austin')).not.toEqual(participantKey('NCAAMB', 'Austin FC'));
  });
});
