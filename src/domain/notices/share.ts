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
  return { title: `${s.villageName} ${m} 月积分评议：${what}`, path: `/pages/audit/index?villageId=${encodeURIComponent(s.villageId)}&month=${encodeURIComponent(s.month)}` };
}

/** What the audit page says to someone a shared card reached who may not sign there. */
export const NOT_A_SIGNER_MESSAGE = '仅评议小组成员可签署';

/** A shared link's query, kept only when well-formed (a link may have been edited by hand). */
export function sharedAuditQuery(params: { villageId?: string; month?: string }): { villageId?: string; month?: string } {
  const month = params.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(params.month) ? params.month : undefined;
  const villageId = params.villageId && /^[A-Za-z0-9_-]{1,64}$/.test(params.villageId) ? params.villageId : undefined;
  return { ...(villageId ? { villageId } : {}), ...(month ? { month } : {}) };
}
