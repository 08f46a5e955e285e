/** A WeChat user asks to join a household whose card they have; the head or the grid worker decides. */
export interface JoinRequest {
  _id: string;
  openid: string;
  householdId: string;
  villageId: string;
  townId: string;
  gridId: string;
  name: string;
  relation: string;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: number;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: number | null;
  reason: string | null;
  /** The person created on approval. */
  personId: string | null;
}

export type BindingEventKind = 'claim' | 'bind' | 'unbind' | 'join_approved' | 'join_rejected' | 'role_added' | 'role_removed' | 'member_added' | 'member_changed' | 'member_removed';

export const BINDING_EVENT_LABELS: Record<BindingEventKind, string> = {
  claim: '领取管理员身份',
  bind: '绑定微信',
  unbind: '解除绑定',
  join_approved: '同意加入',
  join_rejected: '拒绝加入',
  role_added: '任命',
  role_removed: '免去',
  member_added: '添加家庭成员',
  member_changed: '修改家庭成员',
  member_removed: '移出家庭成员',
};

/** Append-only: every bind, unbind and role change, for the village admin and the supervisors. */
export interface BindingEvent {
  _id: string;
  townId: string;
  villageId: string | null;
  kind: BindingEventKind;
  personId: string;
  personName: string;
  actorId: string;
  actorName: string;
  detail: string;
  at: number;
}
