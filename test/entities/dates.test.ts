import { describe, expect, it } from 'vitest';
import { findDates } from '../../extractors/entities/dates.js';

// Thursday 14 November 2024, the seed article's publication date.
const REF = '2024-11-14T15:30:00.000Z';
const values = (text: string, referenceDate: string | null = REF) =>
  findDates(text, { referenceDate }).map((d) => [d.text, d.value, d.granularity]);

describe('findDates', () => {
  it('resolves relative expressions into the past of the reference date', () => {
    expect(values('The agencies said on Wednesday that last month they saw it.')).toEqual([
      ['Wednesday', '2024-11-13', 'day'],
      ['last month', '2024-10', 'month'],
    ]);
    expect(values('The WSJ first reported in September. Earlier this year, officials testified.')).toEqual([
      ['September', '2024-09', 'month'],
      ['Earlier this year', '2024', 'year'],
    ]);
    // chrono alone would pick the coming January 12 and the coming Friday.
    expect(values('On January 12 the firm noticed it; the patch came on Friday.')).toEqual([
      ['January 12', '2024-01-12', 'day'],
      ['Friday', '2024-11-08', 'day'],
    ]);
  });

  it('keeps the future when the sentence speaks of it or sets a near deadline', () => {
    expect(values('The vendor will ship a fix on Friday.')).toEqual([['Friday', '2024-11-15', 'day']]);
    expect(values('CISA ordered agencies to patch by December 2 and to report until January 31.')).toEqual([
      ['December 2', '2024-12-02', 'day'],
      ['January 31', '2025-01-31', 'day'],
    ]);
    // A deadline word far from the date does not reach a year ahead.
    expect(values('By September the group had moved on.')).toEqual([['September', '2024-09', 'month']]);
    expect(values('Mandiant this week renamed the group.')).toEqual([['this week', '2024-W46', 'week']]);
  });

  it('handles modifiers, quarters, decades, years and weeks', () => {
    expect(values('In late November 2023 a breach began; Q3 2024 was quiet.')).toEqual([
      ['late November 2023', '2023-11', 'month'],
      ['Q3 2024', '2024-Q3', 'quarter'],
    ]);
    expect(values('Since the 1990s, and again in mid-2019 and 2021, it grew. Last week it stopped.')).toEqual([
      ['1990s', '199', 'decade'],
      ['mid-2019', '2019', 'year'],
      ['2021', '2021', 'year'],
      ['Last week', '2024-W45', 'week'],
    ]);
    expect(values('It ran from 2019 to 2021. December 27th of 2019 was the peak.')).toEqual([
      ['2019', '2019', 'year'],
      ['2021', '2021', 'year'],
      ['December 27th of 2019', '2019-12-27', 'day'],
    ]);
  });

  it('reads numeric dates with dashes day first, with slashes month first', () => {
    expect(values('Created on 06-01-2020 and uploaded 12/07/2019.')).toEqual([
      ['06-01-2020', '2020-01-06', 'day'],
      ['12/07/2019', '2019-12-07', 'day'],
    ]);
  });

  it('turns spans of time into ISO 8601 durations', () => {
    expect(values('They kept access for at least five years, then two weeks, then 24 hours.')).toEqual([
      ['at least five years', 'P5Y', 'duration'],
      ['two weeks', 'P2W', 'duration'],
      ['24 hours', 'PT24H', 'duration'],
    ]);
    expect(values('The crew stayed hidden for three days and then for two months.')).toEqual([
      ['three days', 'P3D', 'duration'],
      ['two months', 'P2M', 'duration'],
    ]);
    expect(values('Three years ago the group appeared.')).toEqual([['Three years ago', '2021', 'year']]);
  });

  it('finds no dates in versions, CVE ids, times of day, verbs, products, counts or phone numbers', () => {
    expect(
      values(
        'Update to version 2.1.2024 for CVE-2024-3400 at 3 p.m. ET. You may see troops march on. ' +
          'Windows Server 2019 sent 2000 packets to port 2020. Call 555-123-4567. See /news/march-2018/ today. ' +
          'It will be studied in the months to come.',
      ),
    ).toEqual([]);
  });

  it('groups mentions by value and keeps the first wording; offsets match the text', () => {
    const text = 'It began last month. In October 2024 it spread, and by last month it had stopped.';
    const dates = findDates(text, { referenceDate: REF });
    expect(dates).toHaveLength(1);
    expect(dates[0]!.text).toBe('last month');
    expect(dates[0]!.mentions.map((m) => m.text)).toEqual(['last month', 'October 2024', 'last month']);
    for (const m of dates[0]!.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('without a reference date keeps absolute dates only, so output never depends on the clock', () => {
    expect(values('Last month, on March 3, 2021 and on Wednesday.', null)).toEqual([['March 3, 2021', '2021-03-03', 'day']]);
  });
});
