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

describe('findDates: the rules for what chrono does not read', () => {
  it('names the ISO week of "this", "last", "next" week, Sunday included', () => {
    // Sunday 17 November 2024 is in week 46 (ISO weeks start on Monday).
    expect(values('The crew went quiet this week.', '2024-11-17T12:00:00Z')).toEqual([['this week', '2024-W46', 'week']]);
    expect(values('The crew went quiet last week.', '2024-11-17T12:00:00Z')).toEqual([['last week', '2024-W45', 'week']]);
    expect(values('The crew went quiet this week and will return next week; the past week was calm.')).toEqual([
      ['this week', '2024-W46', 'week'],
      ['next week', '2024-W47', 'week'],
      ['past week', '2024-W45', 'week'],
    ]);
    expect(values('The crew went quiet this week.', null)).toEqual([]);
  });

  it('takes a bare year from 1900 to 30 years past the reference, not a product, count or id', () => {
    expect(values('Records from 1899 and 1900 were found.')).toEqual([['1900', '1900', 'year']]);
    expect(values('Attacks are expected to continue in 2054 and in 2055.')).toEqual([['2054', '2054', 'year']]);
    expect(values('Windows Server 2019 was hit in 2019.')).toEqual([['2019', '2019', 'year']]);
    expect(values('In 2019 the group changed tools; Report 2019 says so.')).toEqual([['2019', '2019', 'year']]);
    expect(values('In late 2018 and mid-2019 it struck; APT-2019 is a name.')).toEqual([
      ['late 2018', '2018', 'year'],
      ['mid-2019', '2019', 'year'],
    ]);
    expect(values('We saw 2019 devices and 2020 servers online in 2021.')).toEqual([['2021', '2021', 'year']]);
    expect(values('Build 2019 shipped; port 2020 was open; version 2021 is old.')).toEqual([]);
    expect(values('In the winter of 2019 and summer 2020 it ran.')).toEqual([
      ['winter of 2019', '2019', 'year'],
      ['summer 2020', '2020', 'year'],
    ]);
  });

  it('reads a year range as its two years, only when it runs forward and not too far', () => {
    expect(values('Between 2019-2021 and 2016-18 it grew; 2021-2019 is a typo; 2019-2060 is far.')).toEqual([
      ['2019', '2019', 'year'],
      ['2021', '2021', 'year'],
      ['2016', '2016', 'year'],
      ['18', '2018', 'year'],
    ]);
    expect(values('Plans for 2050-2054 were drawn.')).toEqual([
      ['2050', '2050', 'year'],
      ['2054', '2054', 'year'],
    ]);
  });

  it('reads quarters, a quarter without a year as the latest one up to the reference', () => {
    expect(values('Revenue fell in Q3 2024 and in the fourth quarter of 2023.')).toEqual([
      ['Q3 2024', '2024-Q3', 'quarter'],
      ['fourth quarter of 2023', '2023-Q4', 'quarter'],
    ]);
    expect(values('Revenue fell in Q3 and rose in Q4.')).toEqual([
      ['Q3', '2024-Q3', 'quarter'],
      ['Q4', '2024-Q4', 'quarter'],
    ]);
    expect(values('Revenue fell in Q3.', '2024-02-10T12:00:00Z')).toEqual([['Q3', '2023-Q3', 'quarter']]);
    expect(values('Revenue fell in the third quarter.', '2024-02-10T12:00:00Z')).toEqual([['third quarter', '2023-Q3', 'quarter']]);
    // "Q3" alone is a date only right after "in", "during" or "the"; without a reference, never.
    expect(values('Revenue fell, the report on Q3 said.')).toEqual([]);
    expect(values('Revenue fell in its Q3 report.')).toEqual([]);
    expect(values('Revenue fell in Q3.', null)).toEqual([]);
  });

  it('reads spans of time as durations in each unit, and not ages, fractions or zero', () => {
    expect(values('It took five minutes, two hours, three weeks, six months, ten days, four years and two decades.').map((d) => d[1])).toEqual([
      'PT5M', 'PT2H', 'P3W', 'P6M', 'P10D', 'P4Y', 'P20Y',
    ]);
    expect(values('It lasted a dozen years and a couple of months.')).toEqual([
      ['a dozen years', 'P12Y', 'duration'],
      ['a couple of months', 'P2M', 'duration'],
    ]);
    expect(values('For more than three years, and over 200 days, it ran.')).toEqual([
      ['more than three years', 'P3Y', 'duration'],
      ['over 200 days', 'P200D', 'duration'],
    ]);
    expect(values('The server is 10 years old; 1.5 years passed; a five years-long effort.')).toEqual([]);
    expect(values('It was a two weeks-plus effort.')).toEqual([]);
    expect(values('It took 0 days to patch.')).toEqual([]);
  });

  it('reads decades', () => {
    expect(values('By 2023, since 1990s, the 1980s and the 2000s.')).toEqual([
      ['2023', '2023', 'year'],
      ['1990s', '199', 'decade'],
      ['1980s', '198', 'decade'],
      ['2000s', '200', 'decade'],
    ]);
  });
});

describe('findDates: which of chrono’s readings are dates, and when', () => {
  it('keeps a stated year, and puts a month without one in the past of the reference', () => {
    expect(values('The deal closes on December 3, 2025.')).toEqual([['December 3, 2025', '2025-12-03', 'day']]);
    // The reference month itself is not ahead of the reference.
    expect(values('Attacks rose in April.', '2024-04-20T12:00:00Z')).toEqual([['April', '2024-04', 'month']]);
    expect(values('The crew struck in May.')).toEqual([['May', '2024-05', 'month']]);
    expect(values('The patch came on Friday.')).toEqual([['Friday', '2024-11-08', 'day']]);
    expect(values('The fix will ship on Friday.')).toEqual([['Friday', '2024-11-15', 'day']]);
    expect(values('They struck the next day.')).toEqual([['next day', '2024-11-15', 'day']]);
  });

  it('keeps a modifier, and reads a range as its two ends', () => {
    expect(values('In mid-February the crew struck.')).toEqual([['mid-February', '2024-02', 'month']]);
    expect(values('The campaign ran from June to August 2023.')).toEqual([
      ['June', '2023-06', 'month'],
      ['August 2023', '2023-08', 'month'],
    ]);
  });

  it("dates a range's yearless end by its other end, not by the reference date", () => {
    // Published 20 November 2025, before the range starts: the past-bias alone would say 2024-11-26.
    const ref = '2025-11-20T09:00:00Z';
    expect(values('The sessions run November 26 – December 3, 2025 in Lisbon.', ref)).toEqual([
      ['November 26', '2025-11-26', 'day'],
      ['December 3, 2025', '2025-12-03', 'day'],
    ]);
    // chrono reads "between X and Y" as two dates, not as one range.
    expect(values('Attacks between 26 November and 3 December 2025 hit banks.', ref)).toEqual([
      ['26 November', '2025-11-26', 'day'],
      ['3 December 2025', '2025-12-03', 'day'],
    ]);
    // Across a new year, either end may carry the year.
    expect(values('The wave ran from December 28 to January 4, 2025.')).toEqual([
      ['December 28', '2024-12-28', 'day'],
      ['January 4, 2025', '2025-01-04', 'day'],
    ]);
    expect(values('The wave ran from December 28, 2023 to January 4.')).toEqual([
      ['December 28, 2023', '2023-12-28', 'day'],
      ['January 4', '2024-01-04', 'day'],
    ]);
    // Two dates apart in the sentence are no range: the reference date decides.
    expect(values('It began on December 28, and by January 4, 2025 it had spread.', '2025-11-20T09:00:00Z')).toEqual([
      ['December 28', '2024-12-28', 'day'],
      ['January 4, 2025', '2025-01-04', 'day'],
    ]);
  });

  it('reads no date in file names, versions, vague spans or lower-case day names', () => {
    expect(values('Logs in backup_2024-03-16 were old.')).toEqual([]);
    expect(values('Logs in backup.2024-03-16 were old.')).toEqual([]);
    expect(values('The file 2024-03-12_final leaked.')).toEqual([]);
    expect(values('Version 2.1.2024 shipped.')).toEqual([]);
    expect(values('On 24.07.2015 the site fell.')).toEqual([]);
    expect(values('Attacks rose during the week.')).toEqual([]);
    expect(values('Attacks rose over the past years.')).toEqual([]);
    expect(values('the crew struck on sunday night.')).toEqual([]);
    expect(values('It was posted on Sat. and then removed.')).toEqual([]);
  });
});
