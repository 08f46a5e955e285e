import type { RoleAssignment } from './roles';

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
}

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
