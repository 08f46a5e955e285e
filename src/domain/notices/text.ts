import { cstDate } from '../shared/time';
import type { NoticeKind } from './kinds';
import type { NoticeFacts } from './types';

function monthWords(month?: string): string {
  return month ? `${Number(month.slice(5, 7))}月` : '';
}
function quarterWords(quarter?: string): string {
  return quarter ? `${quarter.slice(0, 4)}年第${quarter.slice(6)}季度` : '本季度';
}
function dayWords(date?: string): string {
  return date ? `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '';
}
function instantWords(at?: number): string {
  if (at === undefined) return '';
  const d = new Date(at + 8 * 3600_000);
  return `${dayWords(cstDate(at))} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
const what = (f: NoticeFacts) => (f.what ? `“${f.what}”` : '');
const because = (f: NoticeFacts) => (f.reason ? `，原因：${f.reason}` : '');
const village = (f: NoticeFacts) => f.villageName ?? '';

/** A notice's title and body, in plain words. No names or door numbers of other households. */
export function noticeText(kind: NoticeKind, f: NoticeFacts): { title: string; body: string } {
  switch (kind) {
    case 'application_submitted':
      return { title: '有新的申报待初审', body: `您负责的网格有一条申报${what(f)}等待初审。` };
    case 'application_reported':
      return { title: '有人为您家申报了一件事', body: `本村村民为您家报了一件事${what(f)}，网格员初审后交评议小组评议。可以在“我的申报”里查看。` };
    case 'application_first_reviewed':
      return { title: '申报已通过初审', body: `您家的申报${what(f)}已通过网格员初审，等待评议小组评议。` };
    case 'application_returned':
      return { title: '申报被退回', body: `您家的申报${what(f)}被网格员退回${because(f)}。可以修改后重新申报。` };
    case 'audit_decided':
      return { title: '申报评议有结果了', body: `您家的申报${what(f)}评议结果：${f.outcome ?? ''}${f.points !== undefined ? `，${f.points} 分` : ''}。` };
    case 'audit_due':
      return {
        title: `${village(f)}${monthWords(f.month)}积分评议待签`,
        body: `${monthWords(f.month)}的评议还没有完成${f.count ? `，还有 ${f.count} 件待签` : ''}，请在${dayWords(f.by)}前签完。`,
      };
    case 'audit_month_closed':
      return { title: `${monthWords(f.month)}评议已结束`, body: `${village(f)}${monthWords(f.month)}的评议已结束入账${f.count !== undefined ? `，共 ${f.count} 户` : ''}。` };
    case 'publicity_opened':
      return { title: `${quarterWords(f.quarter)}积分公示`, body: `${village(f)}${quarterWords(f.quarter)}积分开始公示，到${dayWords(f.by)}为止。对结果有意见可以提出异议。` };
    case 'publicity_closing':
      return { title: '公示明天结束', body: `${quarterWords(f.quarter)}积分公示明天（${dayWords(f.by)}）结束，请及时处理异议。` };
    case 'objection_filed':
      return { title: '有新的异议', body: `${quarterWords(f.quarter)}积分公示收到一条异议，请评议小组和监督小组处理。` };
    case 'objection_decided':
      return { title: '您的异议有结果了', body: `您提出的异议已处理：${f.outcome ?? ''}${because(f)}。` };
    case 'quarter_sent':
      return { title: '有村的积分待镇复核', body: `${village(f)}${quarterWords(f.quarter)}积分公示已结束，等待镇里复核。` };
    case 'quarter_approved':
      return { title: '镇里已复核通过', body: `${village(f)}${quarterWords(f.quarter)}积分已通过镇复核，积分可以兑换了。` };
    case 'quarter_returned':
      return { title: '镇里退回了季度积分', body: `${village(f)}${quarterWords(f.quarter)}积分被镇里退回${because(f)}。` };
    case 'ranking_published':
      return {
        title: `${f.year ?? ''}年度评比结果公布了`,
        body: f.by
          ? `${village(f)}${f.year ?? ''}年的星级文明户、文明农家和最美家庭评比结果开始公示，到${dayWords(f.by)}为止。对结果有意见可以提出异议。`
          : `${village(f)}${f.year ?? ''}年的星级文明户、文明农家和最美家庭已经评出，点开看看。`,
      };
    case 'ranking_objection_filed':
      return { title: '年度评比有新的异议', body: `${village(f)}${f.year ?? ''}年度评比公示收到一条异议，请评议小组核实答复。` };
    case 'ranking_objection_proposed':
      return { title: '年度评比异议的答复待确认', body: `${village(f)}${f.year ?? ''}年度评比的一条异议，已有评议小组成员提出答复：${f.outcome ?? ''}，请另一位成员核实确认。` };
    case 'ranking_objection_answered':
      return { title: '您对年度评比的异议有答复了', body: `您对${f.year ?? ''}年度评比提出的异议已答复：${f.outcome ?? ''}${because(f)}。` };
    case 'points_redeemable':
      return { title: '积分可以兑换了', body: `${quarterWords(f.quarter)}积分已通过镇复核，您家的积分可以到积分超市兑换了。` };
    case 'redemption_receipt':
      return { title: '兑换成功', body: `您家在积分超市兑换了${what(f)}，用了 ${f.points ?? 0} 分。` };
    case 'event_dispatched':
      return { title: '有事件派给您', body: `一件${what(f)}事件派给您办理，请在${instantWords(f.deadlineAt)}前办好。` };
    case 'event_near_deadline':
      return { title: '事件快到期了', body: `${what(f)}事件要在${instantWords(f.deadlineAt)}前办好。` };
    case 'event_overdue':
      return { title: '事件已超期', body: `${what(f)}事件已超过办结时限（${instantWords(f.deadlineAt)}），请尽快处理。` };
    case 'event_closed':
      return { title: '您反映的事已办结', body: `您反映的${what(f)}事件已办结，请评价办理结果。` };
    case 'veto_waiting':
      return { title: '一票否决待会签', body: `评议小组记录了一条一票否决${what(f)}，等待监督小组会签。` };
    case 'join_request':
      return { title: '有人申请加入家庭', body: `${f.name ?? '有人'}申请加入家庭，请确认。` };
  }
}
