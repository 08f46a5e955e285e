import { quarterWords } from '../points/plainWords';
import { PAGES } from '../shared/pages';

/**
 * Share cards posted to a village committee's WeChat group (聊天内审签): each opens exactly the
 * thing to sign. A card carries no person's name and no door number — only the village, the
 * period and how many items wait.
 */
export interface ShareCard {
  title: string;
  /** The page with its query, with the leading slash the share API wants. */
  path: string;
}

/** 月度评议: "青山村 11 月积分评议：待签 12 件" → that village's month. */
export function auditShareCard(s: { villageId: string; villageName: string; month: string; undecided: number; status: string }): ShareCard {
  const m = Number(s.month.slice(5, 7));
  const what = s.status === 'closed' ? '已结账' : s.undecided > 0 ? `待签 ${s.undecided} 件` : '待结账';
  return { title: `${s.villageName} ${m} 月积分评议：${what}`, path: `/${PAGES.audit}?villageId=${encodeURIComponent(s.villageId)}&month=${encodeURIComponent(s.month)}` };
}

/** What the audit page says to someone a shared card reached who may not sign there. */
export const NOT_A_SIGNER_MESSAGE = '仅评议小组成员可签署';

/** A shared link's query, kept only when well-formed (a link may have been edited by hand). */
export function sharedAuditQuery(params: { villageId?: string; month?: string }): { villageId?: string; month?: string } {
  const month = params.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(params.month) ? params.month : undefined;
  const villageId = params.villageId && /^[A-Za-z0-9_-]{1,64}$/.test(params.villageId) ? params.villageId : undefined;
  return { ...(villageId ? { villageId } : {}), ...(month ? { month } : {}) };
}

const q = encodeURIComponent;

/** 异议: "青山村 2026年第三季度公示异议：待会签" → that objection (its quarter and village). */
export function objectionShareCard(s: { objectionId: string; villageId: string; villageName: string; quarter: string; status: string }): ShareCard {
  const what = s.status === 'proposed' ? '待会签' : s.status === 'open' ? '待调查' : '已处理';
  return {
    title: `${s.villageName} ${quarterWords(s.quarter)}公示异议：${what}`,
    path: `/${PAGES.objections}?villageId=${q(s.villageId)}&quarter=${q(s.quarter)}&id=${q(s.objectionId)}`,
  };
}

/** 一票否决待会签: "青山村 一票否决：待会签 2 件" → that village's list of vetoes waiting. */
export function vetoShareCard(s: { villageId: string; villageName: string; waiting: number }): ShareCard {
  return {
    title: `${s.villageName} 一票否决：${s.waiting > 0 ? `待会签 ${s.waiting} 件` : '暂无待会签'}`,
    path: `/${PAGES.veto}?villageId=${q(s.villageId)}&tab=pending`,
  };
}

/** 镇复核: "清河镇 2026年第三季度镇复核：待复核 2 个村" → that quarter's town review. */
export function townReviewShareCard(s: { townName: string; quarter: string; waiting: number }): ShareCard {
  return {
    title: `${s.townName} ${quarterWords(s.quarter)}镇复核：${s.waiting > 0 ? `待复核 ${s.waiting} 个村` : '暂无待复核'}`,
    path: `/${PAGES.townReview}?quarter=${q(s.quarter)}`,
  };
}

/** What each shared page says to an opener who may not sign there. */
export const NOT_A_SIGNER = {
  audit: NOT_A_SIGNER_MESSAGE,
  objection: '仅评议小组和监督小组成员可签署异议',
  veto: '仅监督小组成员可会签一票否决',
  townReview: '仅镇管理员可复核',
} as const;

/** A shared link's quarter and record id, kept only when well-formed. */
export function sharedQuery(params: { villageId?: string; quarter?: string; id?: string }): { villageId?: string; quarter?: string; id?: string } {
  const villageId = params.villageId && /^[A-Za-z0-9_-]{1,64}$/.test(params.villageId) ? params.villageId : undefined;
  const quarter = params.quarter && /^\d{4}-Q[1-4]$/.test(params.quarter) ? params.quarter : undefined;
  const id = params.id && /^[A-Za-z0-9_.@-]{1,128}$/.test(params.id) ? params.id : undefined;
  return { ...(villageId ? { villageId } : {}), ...(quarter ? { quarter } : {}), ...(id ? { id } : {}) };
}
