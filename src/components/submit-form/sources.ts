import type { ApplicationSource } from '@domain/points/application';
import { pointsGates } from '@domain/points/policy';
import type { Gate } from '@domain/access/gate';

/** Who records a deed of another household, as the page's `?source=` names it. */
export type OtherSource = 'behalf' | 'report' | 'visit' | 'inspection';

export interface SourceForm {
  source: ApplicationSource;
  action: 'submitOnBehalf' | 'report' | 'recordVisit' | 'recordInspection';
  gate: Gate;
  /** The page's title and the card above the form: plain words. */
  title: string;
  note: string;
  button: string;
}

export const SOURCE_FORMS: Record<OtherSource, SourceForm> = {
  behalf: {
    source: 'grid_worker',
    action: 'submitOnBehalf',
    gate: pointsGates.submitOnBehalf,
    title: '代申报',
    note: '由网格员代为记录，提交后进入初审',
    button: '提交代申报',
  },
  report: {
    source: 'villager_report',
    action: 'report',
    gate: pointsGates.report,
    title: '举报/推荐',
    note: '说说别户做的好事或不好的事。提交后由该户的网格员先审，该户会收到通知。举报扣分的事必须拍照。',
    button: '提交举报/推荐',
  },
  visit: {
    source: 'committee_visit',
    action: 'recordVisit',
    gate: pointsGates.recordVisit,
    title: '登记走访',
    note: '评议小组走访看到的事，直接进本月评议（不用网格员初审），还要评议小组签字。',
    button: '提交走访记录',
  },
  inspection: {
    source: 'inspection',
    action: 'recordInspection',
    gate: pointsGates.recordInspection,
    title: '登记上级检查',
    note: '镇上检查发现的事，直接进该村本月评议（不用网格员初审），还要评议小组签字。',
    button: '提交检查记录',
  },
};

export const OTHER_SOURCES = Object.keys(SOURCE_FORMS) as OtherSource[];

export function isOtherSource(s: string): s is OtherSource {
  return (OTHER_SOURCES as string[]).includes(s);
}
