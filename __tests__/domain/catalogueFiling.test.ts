import { fileDraft, newDraft, nextJanuaryFirst, returnDraft, saveDraft, submitDraft } from '@domain/catalogue/filing';
import { versionInForce } from '@domain/catalogue/versions';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import type { CatalogueVersion } from '@domain/catalogue/types';
import { isDomainError } from '@domain/shared/errors';

const a = { id: 'admin', name: '村委', at: 1 };
const v1: CatalogueVersion = { _id: 'c1', villageId: 'v', version: 1, effectiveFrom: '2026-01-01', categories: SEED_000_CATEGORIES, createdAt: 0, createdBy: 'seed' };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return 'OK';
}

describe('versionInForce and filing status', () => {
  const draft = newDraft(v1, { id: 'c2', villageId: 'v', townId: 't', version: 2, effectiveFrom: '2027-01-01' }, a);

  it('a version without status counts as filed; drafts, submitted and returned never count', () => {
    for (const status of ['draft', 'submitted', 'returned'] as const) {
      expect(versionInForce([v1, { ...draft, status }], '2027-06-01')).toBe(v1);
    }
    const filed = { ...draft, status: 'filed' as const };
    expect(versionInForce([v1, filed], '2026-12-31')).toBe(v1);
    expect(versionInForce([v1, filed], '2027-01-01')).toBe(filed);
  });

  it('nextJanuaryFirst', () => {
    expect(nextJanuaryFirst('2026-11-23')).toBe('2027-01-01');
    expect(nextJanuaryFirst('2026-01-01')).toBe('2027-01-01');
  });

  it('a draft is a copy of the base (editing it never changes the base)', () => {
    expect(draft.categories).toEqual(v1.categories);
    draft.categories[0].items[0].points += 1;
    expect(draft.categories[0].items[0].points).not.toBe(v1.categories[0].items[0].points);
  });

  it('transitions: draft → submitted → returned → draft → submitted → filed, each in the history', () => {
    const today = '2026-11-23';
    const saved = saveDraft(draft, { categories: draft.categories, effectiveFrom: '2027-01-01' }, a, today);
    const submitted = submitDraft(saved, a, today);
    expect(code(() => saveDraft(submitted, { categories: draft.categories, effectiveFrom: '2027-01-01' }, a, today))).toBe('INVALID_TRANSITION');
    expect(code(() => fileDraft(saved, a, today))).toBe('INVALID_TRANSITION');
    expect(code(() => returnDraft(submitted, a, ' '))).toBe('REASON_REQUIRED');
    const returned = returnDraft(submitted, a, '请补充');
    const resubmitted = submitDraft(saveDraft(returned, { categories: draft.categories, effectiveFrom: '2027-02-01' }, a, today), a, today);
    // Filed only while its date is still ahead: a version never rescoring past deeds.
    expect(code(() => fileDraft(resubmitted, a, '2027-02-01'))).toBe('INVALID_TRANSITION');
    const filed = fileDraft(resubmitted, a, today);
    expect(filed.status).toBe('filed');
    expect(filed.history?.map((x) => x.action)).toEqual(['create', 'save', 'submit', 'return', 'save', 'submit', 'file']);
  });

  it('refuses a date not after today, duplicate codes and empty catalogues', () => {
    expect(code(() => saveDraft(draft, { categories: draft.categories, effectiveFrom: '2026-11-23' }, a, '2026-11-23'))).toBe('BAD_INPUT');
    const dup = [{ ...draft.categories[0], items: [draft.categories[0].items[0], draft.categories[0].items[0]] }];
    expect(code(() => saveDraft(draft, { categories: dup, effectiveFrom: '2027-01-01' }, a, '2026-11-23'))).toBe('BAD_INPUT');
    expect(code(() => saveDraft(draft, { categories: [], effectiveFrom: '2027-01-01' }, a, '2026-11-23'))).toBe('BAD_INPUT');
  });
});
