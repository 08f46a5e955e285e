import { NOTICE_KINDS, type NoticeKind } from '@domain/notices/kinds';
import { selectRecipients, type Candidate } from '@domain/notices/recipients';
import { noticeText } from '@domain/notices/text';
import { noticePage } from '@domain/notices/pages';
import { buildNotices } from '@domain/notices/build';
import { noticeId } from '@domain/notices/keys';
import { auditReminderDue, eventDeadlineState, eventReminderKey, publicityClosingTomorrow } from '@domain/notices/reminders';
import { afterAttempt, nextAttemptAt, OUTBOX_POLICY, type OutboxItem } from '@domain/notices/outbox';
import { subscribeData, thing } from '@domain/notices/subscribe';
import type { RoleAssignment } from '@domain/org/roles';
import { auditShareCard, objectionShareCard, sharedAuditQuery, sharedQuery, townReviewShareCard, vetoShareCard } from '@domain/notices/share';
import { roleHolderChanges, roleHoldersOf } from '@domain/org/roleHolders';
import { PAGES, appPageUrl } from '../../src/constants/routes';

const r = (role: RoleAssignment['role'], scopeId: string, scope: RoleAssignment['scope'] = 'village'): RoleAssignment => ({ role, scope, scopeId });
const person = (id: string, householdId: string | null, roles: RoleAssignment[] = [], villageId: string | null = 'v1'): Candidate => ({ _id: id, villageId, householdId, roles });

const people: Candidate[] = [
  person('a1', 'h1'), // household h1
  person('a2', 'h1'),
  person('b1', 'h2'), // another household, same village
  person('w1', 'h3', [r('grid_worker', 'g1', 'grid')]),
  person('l1', 'h4', [r('grid_leader', 'g1', 'grid')]),
  person('w2', 'h5', [r('grid_worker', 'g2', 'grid')]),
  person('rev', 'h6', [r('reviewer', 'v1')]),
  person('rev2', 'x1', [r('reviewer', 'v2')], 'v2'),
  person('sup', 'h7', [r('supervisor', 'v1')]),
  person('adm', 'h8', [r('village_admin', 'v1')]),
  person('town', null, [r('town_admin', 't1', 'town')], null),
  person('town2', null, [r('town_admin', 't2', 'town')], null),
  person('o1', 'x2', [], 'v2'),
];
const scope = { townId: 't1', villageId: 'v1', gridId: 'g1', householdId: 'h1' };

describe('who receives each notice', () => {
  it.each<[NoticeKind, string[]]>([
    ['application_submitted', ['w1', 'l1']],
    ['application_first_reviewed', ['a1', 'a2']],
    ['application_returned', ['a1', 'a2']],
    ['audit_decided', ['a1', 'a2']],
    ['redemption_receipt', ['a1', 'a2']],
    ['audit_due', ['rev']],
    ['audit_month_closed', ['adm']],
    ['publicity_opened', ['a1', 'a2', 'b1', 'w1', 'l1', 'w2', 'rev', 'sup', 'adm']],
    ['points_redeemable', ['a1', 'a2', 'b1', 'w1', 'l1', 'w2', 'rev', 'sup', 'adm']],
    ['ranking_published', ['a1', 'a2', 'b1', 'w1', 'l1', 'w2', 'rev', 'sup', 'adm']],
    ['publicity_closing', ['rev', 'sup', 'adm']],
    ['objection_filed', ['rev', 'sup']],
    ['quarter_sent', ['town']],
    ['quarter_approved', ['adm']],
    ['quarter_returned', ['adm']],
    ['veto_waiting', ['sup']],
  ])('%s goes to %j only', (kind, expected) => {
    expect(selectRecipients(kind, scope, people).sort()).toEqual([...expected].sort());
  });

  it('a household notice never reaches another household, even if the trigger read too many people', () => {
    const got = selectRecipients('application_returned', { ...scope, householdId: 'h2' }, people);
    expect(got).toEqual(['b1']);
  });

  it('named kinds go to the named people only (and only those the trigger named)', () => {
    expect(selectRecipients('objection_decided', { ...scope, named: ['b1'] }, people)).toEqual(['b1']);
    expect(selectRecipients('event_overdue', { ...scope, named: ['w1'] }, people).sort()).toEqual(['l1', 'w1']);
    expect(selectRecipients('event_closed', { ...scope, named: [null, undefined] }, people)).toEqual([]);
  });

  it('join requests reach the head of that household and its grid workers, not other heads', () => {
    expect(selectRecipients('join_request', { ...scope, headPersonId: 'a1' }, people).sort()).toEqual(['a1', 'l1', 'w1']);
  });

  it('the actor is never told of their own act; each person once', () => {
    expect(selectRecipients('objection_filed', { ...scope, actorId: 'rev' }, [...people, ...people])).toEqual(['sup']);
  });

  it('without a scope nobody is chosen', () => {
    expect(selectRecipients('audit_due', {}, people)).toEqual([]);
    expect(selectRecipients('application_returned', { villageId: 'v1' }, people)).toEqual([]);
  });
});

describe('words and pages', () => {
  it.each(NOTICE_KINDS.map((k) => [k]))('%s has a Chinese title and body and a page', (kind) => {
    const t = noticeText(kind, { villageName: '青山村', month: '2026-11', quarter: '2026-Q3', what: '义务劳动', by: '2026-12-10', deadlineAt: Date.parse('2026-11-21T10:00:00+08:00') });
    expect(t.title).toMatch(/[\u4e00-\u9fa5]/);
    expect(t.body).toMatch(/[\u4e00-\u9fa5]/);
    expect(t.body).not.toMatch(/undefined|NaN/);
    const page = noticePage(kind, 'subj', { villageId: 'v1', month: '2026-11', quarter: '2026-Q3' });
    expect(Object.values(PAGES)).toContain(page.split('?')[0]);
  });

  it('an application notice opens that application; an audit notice the exact month', () => {
    expect(noticePage('application_first_reviewed', 'app-1', {})).toBe('pages/application/index?id=app-1');
    expect(noticePage('audit_due', 'v1_2026-11', { villageId: 'v1', month: '2026-11' })).toBe('pkg-review/audit/index?villageId=v1&month=2026-11');
    expect(noticePage('event_overdue', 'ev1@123', {})).toBe('pkg-grid/event/index?id=ev1');
  });

  it('plain words with the facts', () => {
    expect(noticeText('application_returned', { what: '义务劳动', reason: '照片看不清' }).body).toBe('您家的申报“义务劳动”被网格员退回，原因：照片看不清。可以修改后重新申报。');
    expect(noticeText('audit_due', { villageName: '青山村', month: '2026-11', count: 12, by: '2026-12-10' })).toEqual({
      title: '青山村11月积分评议待签',
      body: '11月的评议还没有完成，还有 12 件待签，请在12月10日前签完。',
    });
  });
});

describe('idempotency keys', () => {
  const NOW = Date.parse('2026-11-20T10:00:00+08:00');
  it('one id per (kind, subject, day) and person: a retry the same day makes the same ids', () => {
    const draft = { kind: 'application_returned' as const, subjectId: 'app-1', facts: { what: 'x', villageId: 'v1' } };
    const a = buildNotices(draft, ['a1', 'a2'], NOW);
    const b = buildNotices(draft, ['a1', 'a2'], NOW + 3600_000);
    expect(a.map((n) => n._id)).toEqual(b.map((n) => n._id));
    expect(a[0]).toMatchObject({ _id: 'application_returned:app-1:2026-11-20:a1', personId: 'a1', readAt: null, day: '2026-11-20', villageId: 'v1', page: 'pages/application/index?id=app-1' });
    expect(noticeId('audit_due', 's', '2026-11-21', 'p')).not.toBe(noticeId('audit_due', 's', '2026-11-20', 'p'));
  });
  it('the day is the China date (23:30 UTC is the next day in China)', () => {
    const n = buildNotices({ kind: 'audit_due', subjectId: 's', facts: {} }, ['p'], Date.parse('2026-11-20T23:30:00Z'));
    expect(n[0].day).toBe('2026-11-21');
  });
});

describe('reminder rules', () => {
  it('an open audit month reminds from two days before the close day to the close day', () => {
    const m = { month: '2026-11', status: 'open' };
    expect(auditReminderDue(m, 10, '2026-12-07').due).toBe(false);
    expect(auditReminderDue(m, 10, '2026-12-08')).toEqual({ due: true, by: '2026-12-10' });
    expect(auditReminderDue(m, 10, '2026-12-10').due).toBe(true);
    expect(auditReminderDue(m, 10, '2026-12-11').due).toBe(false);
    expect(auditReminderDue({ ...m, status: 'closed' }, 10, '2026-12-08').due).toBe(false);
    expect(auditReminderDue({ month: '2026-12', status: 'open' }, 3, '2027-01-01').due).toBe(true);
  });
  it('publicity closing tomorrow, only while open', () => {
    expect(publicityClosingTomorrow({ status: 'open', endDate: '2026-12-01' }, '2026-11-30')).toBe(true);
    expect(publicityClosingTomorrow({ status: 'open', endDate: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(publicityClosingTomorrow({ status: 'closed', endDate: '2026-12-01' }, '2026-11-30')).toBe(false);
  });
  it('events: near within a day, overdue after, nothing once handled', () => {
    const now = 1_000_000_000;
    expect(eventDeadlineState({ status: 'open', deadlineAt: now + 2 * 86400_000 }, now)).toBe('none');
    expect(eventDeadlineState({ status: 'dispatched', deadlineAt: now + 3600_000 }, now)).toBe('near');
    expect(eventDeadlineState({ status: 'open', deadlineAt: now - 1 }, now)).toBe('overdue');
    expect(eventDeadlineState({ status: 'handled', deadlineAt: now - 1 }, now)).toBe('none');
    expect(eventReminderKey({ _id: 'e1', deadlineAt: Date.parse('2026-11-21T01:00:00+08:00') })).toEqual({ subjectId: `e1@${Date.parse('2026-11-21T01:00:00+08:00')}`, day: '2026-11-21' });
  });
});

describe('outbox retry policy', () => {
  const item: OutboxItem = { _id: 'n1', personId: 'p', openid: 'o', templateKey: 'todo', templateId: 'T', page: 'pages/x/index', data: {}, status: 'pending', attempts: [], nextAttemptAt: 0, createdAt: 0 };
  it('backs off exponentially up to a cap', () => {
    expect(nextAttemptAt(1, 0)).toBe(OUTBOX_POLICY.baseDelayMs);
    expect(nextAttemptAt(2, 0)).toBe(2 * OUTBOX_POLICY.baseDelayMs);
    expect(nextAttemptAt(30, 0)).toBe(OUTBOX_POLICY.capDelayMs);
  });
  it('records every attempt; gives up after maxAttempts; permanent errors are not retried', () => {
    let it1 = item;
    for (let i = 0; i < OUTBOX_POLICY.maxAttempts; i++) it1 = afterAttempt(it1, { at: i, ok: false, code: '-1', message: 'timeout' });
    expect(it1.attempts).toHaveLength(OUTBOX_POLICY.maxAttempts);
    expect(it1.status).toBe('failed');
    const refused = afterAttempt(item, { at: 5, ok: false, code: '43101', message: 'user refuse to accept the msg' });
    expect(refused.status).toBe('failed');
    const retry = afterAttempt(item, { at: 5, ok: false, code: '-1', message: 'timeout' });
    expect(retry).toMatchObject({ status: 'pending', nextAttemptAt: 5 + OUTBOX_POLICY.baseDelayMs });
    expect(afterAttempt(retry, { at: 9, ok: true, code: '0', message: 'ok' })).toMatchObject({ status: 'sent' });
  });
  it('template values fit WeChat (thing ≤ 20 characters)', () => {
    expect(Array.from(thing('一二三四五六七八九十一二三四五六七八九十一'))).toHaveLength(20);
    expect(subscribeData({ title: '申报被退回', body: 'b', createdAt: Date.parse('2026-11-20T10:00:00+08:00') })).toEqual({ thing1: { value: '申报被退回' }, thing2: { value: 'b' }, time3: { value: '2026-11-20' } });
  });
});

describe('share cards (聊天内审签)', () => {
  it('the audit month card names the village, the month and what waits, and opens exactly that month', () => {
    expect(auditShareCard({ villageId: 'v-qingshan', villageName: '青山村', month: '2026-11', undecided: 12, status: 'open' })).toEqual({
      title: '青山村 11 月积分评议：待签 12 件',
      path: '/pkg-review/audit/index?villageId=v-qingshan&month=2026-11',
    });
    expect(auditShareCard({ villageId: 'v', villageName: '青山村', month: '2026-10', undecided: 0, status: 'open' }).title).toBe('青山村 10 月积分评议：待结账');
    expect(auditShareCard({ villageId: 'v', villageName: '青山村', month: '2026-10', undecided: 0, status: 'closed' }).title).toBe('青山村 10 月积分评议：已结账');
  });
  it('the objection card names the village, the quarter and the step; it opens exactly that objection and names nobody', () => {
    const card = objectionShareCard({ objectionId: 'obj-1a2b', villageId: 'v-qingshan', villageName: '青山村', quarter: '2026-Q3', status: 'proposed' });
    expect(card).toEqual({ title: '青山村 2026年第三季度公示异议：待会签', path: '/pkg-review/objections/index?villageId=v-qingshan&quarter=2026-Q3&id=obj-1a2b' });
    expect(objectionShareCard({ objectionId: 'o', villageId: 'v', villageName: '青山村', quarter: '2026-Q3', status: 'open' }).title).toBe('青山村 2026年第三季度公示异议：待调查');
  });
  it('the veto card says how many wait for a countersign and opens that village\'s waiting list', () => {
    expect(vetoShareCard({ villageId: 'v-qingshan', villageName: '青山村', waiting: 2 })).toEqual({ title: '青山村 一票否决：待会签 2 件', path: '/pkg-review/veto/index?villageId=v-qingshan&tab=pending' });
  });
  it('the town review card names the town, the quarter and how many villages wait', () => {
    expect(townReviewShareCard({ townName: '清河镇', quarter: '2026-Q3', waiting: 2 })).toEqual({ title: '清河镇 2026年第三季度镇复核：待复核 2 个村', path: '/pkg-town/town-review/index?quarter=2026-Q3' });
  });
  it('every card\'s path is a page the binding step may return to (so an unbound opener comes back to it)', () => {
    for (const c of [
      auditShareCard({ villageId: 'v-qingshan', villageName: '青山村', month: '2026-11', undecided: 1, status: 'open' }),
      objectionShareCard({ objectionId: 'obj_1-2', villageId: 'v-qingshan', villageName: '青山村', quarter: '2026-Q3', status: 'open' }),
      vetoShareCard({ villageId: 'v-qingshan', villageName: '青山村', waiting: 1 }),
      townReviewShareCard({ townName: '清河镇', quarter: '2026-Q3', waiting: 1 }),
    ])
      expect(appPageUrl(c.path)).toBe(c.path);
    expect(appPageUrl('/pkg-review/veto/index?tab=<b>')).toBeNull();
    expect(appPageUrl('/pages/nowhere/index')).toBeNull();
    expect(appPageUrl('https://evil.example/pages/home/index')).toBeNull();
  });
  it('a shared quarter and record id are read only when well-formed', () => {
    expect(sharedQuery({ villageId: 'v-qingshan', quarter: '2026-Q3', id: 'obj-1' })).toEqual({ villageId: 'v-qingshan', quarter: '2026-Q3', id: 'obj-1' });
    expect(sharedQuery({ villageId: 'v x', quarter: '2026-Q5', id: '<script>' })).toEqual({});
  });
  it('a shared link is read only when well-formed', () => {
    expect(sharedAuditQuery({ villageId: 'v-qingshan', month: '2026-11' })).toEqual({ villageId: 'v-qingshan', month: '2026-11' });
    expect(sharedAuditQuery({ villageId: 'v x', month: '2026-13' })).toEqual({});
  });
});

describe('the role index (recipients by role without reading the village)', () => {
  const r = (role: 'reviewer' | 'supervisor' | 'villager' | 'grid_worker' | 'town_admin', scopeId: string, lead?: true) => ({ role, scope: 'village' as const, scopeId, ...(lead ? { lead } : {}) });
  it('indexes committee and town roles only, once each', () => {
    expect(roleHoldersOf('p1', [r('villager', 'v1'), r('reviewer', 'v1'), r('reviewer', 'v1', true), r('grid_worker', 'g1'), r('town_admin', 't1')]).map((h) => h._id)).toEqual(['v1~reviewer~p1', 't1~town_admin~p1']);
  });
  it('a change of roles adds and removes exactly the entries that changed (a lead flag changes none)', () => {
    expect(roleHolderChanges('p1', [r('reviewer', 'v1')], [r('reviewer', 'v1', true), r('supervisor', 'v1')])).toEqual({ add: [{ _id: 'v1~supervisor~p1', role: 'supervisor', scopeId: 'v1', personId: 'p1' }], remove: [] });
    expect(roleHolderChanges('p1', [r('reviewer', 'v1'), r('supervisor', 'v1')], [r('villager', 'v1')])).toEqual({ add: [], remove: ['v1~reviewer~p1', 'v1~supervisor~p1'] });
  });
});
