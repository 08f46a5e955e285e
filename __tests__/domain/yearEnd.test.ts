import { assertYearJustEnded, isYearEndDue, yearEndDraft, yearEndEntryId } from '@domain/jobs/yearEnd';
import { emptyBalance } from '@domain/ledger/post';
import { isDomainError } from '@domain/shared/errors';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return 'OK';
}

describe('year end rules', () => {
  it('only the year just ended, only in January', () => {
    expect(code(() => assertYearJustEnded(2026, '2027-01-01'))).toBe('OK');
    expect(code(() => assertYearJustEnded(2026, '2027-01-31'))).toBe('OK');
    expect(code(() => assertYearJustEnded(2026, '2027-02-01'))).toBe('BAD_INPUT');
    expect(code(() => assertYearJustEnded(2026, '2026-12-31'))).toBe('BAD_INPUT');
    expect(code(() => assertYearJustEnded(2025, '2027-01-02'))).toBe('BAD_INPUT');
    expect(isYearEndDue('2027-01-15')).toBe(true);
    expect(isYearEndDue('2027-12-31')).toBe(false);
  });

  it('clears only the redeemable points, with one id per household and year; nothing for zero', () => {
    const b = { ...emptyBalance('h1', 't', 'v', 0), redeemable: 40, pending: 15, spent: 10 };
    expect(yearEndDraft(b, 'h1', 2026, { id: 'system', name: '系统' }, 5)).toMatchObject({
      _id: yearEndEntryId(2026, 'h1'),
      kind: 'year_end',
      bucket: 'redeemable',
      delta: -40,
    });
    expect(yearEndEntryId(2026, 'h1')).toBe('ye-2026-h1-r');
    expect(yearEndDraft({ ...b, redeemable: 0 }, 'h1', 2026, { id: 's', name: 's' }, 5)).toBeNull();
    expect(yearEndDraft(null, 'h1', 2026, { id: 's', name: 's' }, 5)).toBeNull();
  });
});
