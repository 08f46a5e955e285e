import type { RoleAssignment } from './roles';
import type { HouseholdTag } from './tags';

/** Level 1. */
export interface Town {
  _id: string;
  name: string;
}

/** Level 2. */
export interface Village {
  _id: string;
  townId: string;
  name: string;
}

/** Level 3 area grid (片): usually a natural village or villager group. */
export interface Grid {
  _id: string;
  townId: string;
  villageId: string;
  name: string;
  level: 3;
  /** When the village admin made it (absent for grids of the first setup): grids list in this order. */
  createdAt?: number;
  /**
   * Its grid leaders and workers, denormalised for the grid tree. Person.roles is the source of
   * truth (authorization reads only that); grid.setRole updates both in one transaction.
   */
  staff?: GridStaff[];
}

export interface GridStaff {
  personId: string;
  name: string;
  role: 'grid_leader' | 'grid_worker';
}

/**
 * A household imported or created before it was placed in a grid has `gridId` UNASSIGNED_GRID
 * (''): the grid tree flags it (不漏户) until the village admin moves it into a grid.
 */
export const UNASSIGNED_GRID = '';

/** The scoring and redemption unit. Belongs to exactly one level-3 grid. */
export interface Household {
  _id: string;
  townId: string;
  villageId: string;
  gridId: string;
  /** 门牌号 / house number as posted */
  doorNo: string;
  headPersonId: string;
  /** Household head's name, denormalised for lists. */
  headName: string;
  memberCount: number;
  /** A member has a WeChat bound (kept by binding and unbinding; the dashboard counts these). */
  bound?: boolean;
  /**
   * Care and key-group tags [002] (困难家庭, 空巢老人 …). Private: only the household's grid
   * workers/leaders and the village/town admins see them (src/domain/grid/policy.ts); every
   * other view leaves them out. Absent = none.
   */
  tags?: HouseholdTag[];
}

export interface Person {
  _id: string;
  townId: string;
  /** Home village (null for town staff who live elsewhere). */
  villageId: string | null;
  householdId: string | null;
  name: string;
  /** 户主 / 配偶 / 子女 … */
  relation: string | null;
  roles: RoleAssignment[];
  /** Normalised phone (src/domain/org/phone.ts). Private like household tags; absent = unknown. */
  phone?: string | null;
}

/**
 * A WeChat account bound to a person. The OPENID is the document id, so one WeChat
 * account can never be bound twice (CloudBase's unique key is the _id).
 */
export interface IdentityBinding {
  _id: string;
  personId: string;
  boundAt: number;
}

/** Mask a Chinese name for lists others see: 张三 → 张*, 欧阳明华 → 欧**华. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
