import { z } from 'zod';
import { text, textLines, token } from './text';
import type { ClaimKind } from '../onboarding/codes';
import type { ChecklistItem } from '../onboarding/committee';
import type { BindingEvent, JoinRequest } from '../onboarding/types';
import { APPOINTABLE, type AppointableRole } from '../onboarding/policy';

const id = (what: string) => token({ error: `请选择${what}` }).min(1, `请选择${what}`).max(64);
const code = text({ error: '请填写编码' }).min(4, '请填写完整的编码').max(40, '编码太长');
const personName = text({ error: '请填写姓名' }).min(1, '请填写姓名').max(20, '姓名最多 20 个字');
const relation = text({ error: '请填写与户主关系' }).min(1, '请填写与户主关系').max(10, '关系最多 10 个字');
const placeName = text({ error: '请填写村名' }).min(2, '村名 2–20 个字').max(20, '村名 2–20 个字');
const reason = textLines().max(200, '原因不能超过 200 字');

export const claimInput = z.object({ code, name: personName }).strict();
export const lookupHouseholdInput = z.object({ code }).strict();
export const bindInput = z
  .object({ code, personId: id('您的名字'), phoneLast4: token().regex(/^\d{4}$/, { error: '请填写手机号后 4 位数字' }).optional() })
  .strict();
export const requestJoinInput = z.object({ code, name: personName, relation }).strict();
export const myStatusInput = z.object({}).strict();
export const joinRequestsInput = z.object({}).strict();
export const decideJoinInput = z.object({ requestId: id('申请'), approve: z.boolean(), reason: reason.optional() }).strict();
export const unbindInput = z.object({}).strict();
export const unbindPersonInput = z.object({ personId: id('人员'), reason: reason.min(2, '请填写原因') }).strict();
export const logInput = z.object({ villageId: id('村').optional(), limit: z.number().int().min(1).max(200).optional() }).strict();
export const membersInput = z.object({}).strict();
export const saveMemberInput = z.object({ personId: id('成员').optional(), name: personName, relation }).strict();
export const removeMemberInput = z.object({ personId: id('成员') }).strict();
export const createVillageInput = z.object({ name: placeName }).strict();
export const inviteInput = z.object({ villageId: id('村') }).strict();
export const progressInput = z.object({}).strict();
export const appointInput = z
  .object({
    personId: id('人员'),
    role: z.enum(APPOINTABLE, { error: '请选择要任命的职务' }),
    assigned: z.boolean(),
    /** Reviewers only: the committee's leader (组长), who closes each month. */
    lead: z.boolean().optional(),
  })
  .strict();
export const committeeInput = z.object({}).strict();
export const cardsInput = z.object({ gridId: id('网格').optional() }).strict();
export const revokeCardInput = z.object({ householdId: id('住户') }).strict();

/** What a claim or an invitation hands out: the code (shown once), where it opens, when it expires. */
export interface IssuedCode {
  code: string;
  /** The mini-program page that binds with it (for a QR code or a chat link). */
  path: string;
  expiresAt: number;
}

export interface HouseholdLookup {
  villageName: string;
  doorNo: string;
  headName: string;
  members: { id: string; name: string; relation: string | null; bound: boolean; needsPhone: boolean }[];
}

export interface MyStatus {
  bound: boolean;
  /** The newest join request of this WeChat user, if any. */
  request: Pick<JoinRequest, '_id' | 'status' | 'name' | 'relation' | 'reason' | 'createdAt'> & { doorNo: string; villageName: string } | null;
}

export interface JoinRequestView extends Pick<JoinRequest, '_id' | 'name' | 'relation' | 'status' | 'createdAt'> {
  householdId: string;
  doorNo: string;
  headName: string;
}

export interface MemberRow {
  id: string;
  name: string;
  relation: string | null;
  bound: boolean;
  head: boolean;
}

export interface VillageProgress {
  villageId: string;
  name: string;
  grids: number;
  households: number;
  boundHouseholds: number;
  /** Bound households in % of all, rounded down. */
  boundPercent: number;
  admins: number;
  checklist: ChecklistItem[];
}

export interface CommitteeView {
  villageId: string;
  villageName: string;
  checklist: ChecklistItem[];
  members: { personId: string; name: string; doorNo: string | null; role: AppointableRole | 'grid_leader' | 'grid_worker'; lead: boolean; gridName: string | null }[];
}

export interface HouseholdCard {
  householdId: string;
  doorNo: string;
  gridName: string;
  headName: string;
  code: string;
  path: string;
}

export interface OrgApi {
  /** Any WeChat user with a town- or village-admin claim code: becomes that admin. */
  claim: { input: { code: string; name: string }; output: { kind: ClaimKind; townId: string; villageId: string | null } };
  /** Any WeChat user with a household card: the household's members, masked, to pick one's own name. */
  lookupHousehold: { input: { code: string }; output: HouseholdLookup };
  /** Bind this WeChat to a member of the household on the card (last 4 phone digits when on record). */
  bind: { input: { code: string; personId: string; phoneLast4?: string }; output: { personId: string; householdId: string } };
  /** Not on the list: ask to join the household on the card; the head or the grid worker decides. */
  requestJoin: { input: { code: string; name: string; relation: string }; output: { requestId: string } };
  /** Is this WeChat bound, and what became of its join request. */
  myStatus: { input: Record<string, never>; output: MyStatus };
  /** Pending join requests for the households the caller heads or whose grid they work. */
  joinRequests: { input: Record<string, never>; output: { items: JoinRequestView[] } };
  decideJoin: { input: { requestId: string; approve: boolean; reason?: string }; output: { status: 'approved' | 'rejected'; personId: string | null } };
  /** Unbind my own WeChat. */
  unbind: { input: Record<string, never>; output: { unbound: true } };
  /** The village admin unbinds a person's WeChat (a lost phone). */
  unbindPerson: { input: { personId: string; reason: string }; output: { unbound: boolean } };
  /** The append-only log of binds, unbinds and appointments: the village admin and the supervisors. */
  log: { input: { villageId?: string; limit?: number }; output: { items: BindingEvent[] } };
  /** The head's household members. */
  members: { input: Record<string, never>; output: { items: MemberRow[] } };
  saveMember: { input: { personId?: string; name: string; relation: string }; output: { items: MemberRow[] } };
  removeMember: { input: { personId: string }; output: { items: MemberRow[] } };
  /** Town admin: a new village (default rules, the seed-000 catalogue as its first draft). */
  createVillage: { input: { name: string }; output: { villageId: string; name: string } };
  /** Town admin: a village-admin claim code for a village. */
  inviteVillageAdmin: { input: { villageId: string }; output: IssuedCode };
  /** Town admin: every village's setup progress. */
  progress: { input: Record<string, never>; output: { items: VillageProgress[] } };
  /** Village admin: appoint or remove a reviewer (and the lead), supervisor or shop clerk. */
  appoint: { input: { personId: string; role: AppointableRole; assigned: boolean; lead?: boolean }; output: CommitteeView };
  committee: { input: Record<string, never>; output: CommitteeView };
  /** Village admin: household binding cards (一户一码) for the village or one grid. */
  cards: { input: { gridId?: string }; output: { villageName: string; items: HouseholdCard[] } };
  /** Village admin: a new card for a household (the old one stops working). */
  revokeCard: { input: { householdId: string }; output: HouseholdCard };
}
