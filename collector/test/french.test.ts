// The collector's French (issue 16, wording 8): days, times and numbers as they are said and
// printed, on the dashboard, the confirmation page and in mails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFr, dayFr, whole } from '../src/french.js';

describe('French dates and numbers', () => {
  it('says « 1er » for the first of the month, and the time as « 9 h 05 », in Paris', () => {
    assert.equal(dayFr('2027-03-01'), '1er mars 2027');
    assert.equal(dayFr('2027-03-11'), '11 mars 2027');
    // 08:05 UTC is 9:05 in Paris in winter, 10:05 in summer.
    assert.equal(dateFr('2026-12-01T08:05:00Z'), '1er décembre 2026 à 9\u00a0h\u00a005');
    assert.equal(dateFr('2027-07-14T08:05:00Z'), '14 juillet 2027 à 10\u00a0h\u00a005');
    // 23:30 UTC on 31 December is already 1 January in Paris.
    assert.equal(dateFr('2026-12-31T23:30:00Z'), '1er janvier 2027 à 0\u00a0h\u00a030');
  });

  it('separates thousands with a narrow no-break space', () => {
    assert.equal(whole(2000), '2\u202f000');
    assert.equal(whole(999), '999');
  });
});
