import { z } from 'zod';
import type { RoleAssignment } from '../org/roles';
import type { VillagePolicy } from '../org/policy';

export const whoamiInput = z.object({}).strict();

export interface MemberView {
  id: string;
  name: string;
  relation: string | null;
}

export interface HouseholdView {
  id: string;
  doorNo: string;
  headName: string;
  gridId: string;
  gridName: string;
  members: MemberView[];
}

export interface WhoAmI {
  /** The caller's own OPENID: the mini-program uploads photos under it (src/domain/shared/files.ts). */
  openid: string;
  person: { id: string; name: string };
  town: { id: string; name: string };
  village: { id: string; name: string } | null;
  household: HouseholdView | null;
  roles: RoleAssignment[];
  /** Names of the grids this person works, for the 网格 tab. */
  grids: { id: string; name: string }[];
  policy: VillagePolicy | null;
  /** 单位积分: the units this person is the 负责人 of (首页 opens each); absent or empty: none. */
  units?: { id: string; name: string }[];
}

export const workbenchInput = z.object({}).strict();

/** One kind of work waiting for the caller (工作台), in the order the home page shows them. */
export type TodoKind =
  | 'firstReview'
  | 'events'
  | 'eventsOverdue'
  | 'sign'
  | 'objections'
  | 'vetoes'
  | 'scannedToday'
  | 'lateVillages';

export interface TodoCount {
  kind: TodoKind;
  count: number;
}

/** What the caller has to do, counted; only the kinds their roles open (the policies' gates). */
export interface Workbench {
  items: TodoCount[];
  /** True for anyone with work beyond their household's (the first tab reads 工作台). */
  staff: boolean;
  /** A town admin without a household: no villager pages. */
  townOnly: boolean;
}

export interface IdentityApi {
  whoami: { input: Record<string, never>; output: WhoAmI };
  workbench: { input: Record<string, never>; output: Workbench };
}
