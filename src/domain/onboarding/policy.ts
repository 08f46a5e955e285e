import type { Role, RoleAssignment } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, type Actor } from '../access/actor';

/** Who may set a town up, appoint people and bind WeChat accounts. */
export const onboardingGates = {
  town: roles(['town_admin'], '只有镇管理员可以建村和邀请村管理员'),
  villageAdmin: roles(['village_admin'], '只有村两委可以任命人员和打印绑定卡'),
  bindingLog: roles(['village_admin', 'supervisor'], '只有村两委和监督小组可以查看绑定记录'),
  joinDecider: roles(['household_head', 'grid_worker', 'grid_leader'], '只有户主或网格员可以处理加入申请'),
  householdHead: roles(['household_head'], '只有户主可以管理家庭成员'),
  self: anyPerson,
} as const;

/** The roles a village admin appoints here (grid roles are set on 网格管理; village admins are invited by the town). */
export const APPOINTABLE = ['reviewer', 'supervisor', 'shop_clerk'] as const satisfies readonly Role[];
export type AppointableRole = (typeof APPOINTABLE)[number];

export function mayAdministerTown(actor: Actor, townId: string): Decision {
  return allowIf(holdsIn(actor, ['town_admin'], townId), 'NOT_FOUND', '找不到该镇，或不在您管理的范围');
}

export function mayAdministerVillage(actor: Actor, village: { _id: string; townId: string }): Decision {
  return allowIf(holdsIn(actor, ['village_admin'], village._id), 'NOT_FOUND', '找不到该村，或不在您管理的范围');
}

/** The village's admin and its supervisors read who bound, unbound and was appointed. */
export function mayReadBindingLog(actor: Actor, villageId: string): Decision {
  return allowIf(holdsIn(actor, ['village_admin', 'supervisor'], villageId), 'NOT_FOUND', '找不到该村，或不在您管理的范围');
}

/**
 * Appointing a village's committee: people of that village only; and nobody sits on both the
 * review and the supervision committee, since one checks the other (four eyes, SPEC §1 [003]).
 */
export function mayAppoint(actor: Actor, villageId: string, person: { villageId: string | null; roles: readonly RoleAssignment[] }, role: AppointableRole): Decision {
  if (!holdsIn(actor, ['village_admin'], villageId)) return deny('NOT_FOUND', '找不到该村，或不在您管理的范围');
  if (person.villageId !== villageId) return deny('NOT_IN_VILLAGE', '只能任命本村村民');
  const other: Role | null = role === 'reviewer' ? 'supervisor' : role === 'supervisor' ? 'reviewer' : null;
  if (other && holdsIn(person, [other], villageId)) {
    return deny('ROLE_CONFLICT', '同一人不能既是评议小组成员又是监督小组成员：两个小组相互监督');
  }
  return allow;
}

/** A join request is decided by the household's head or a grid worker/leader of its grid; anyone else: NOT_FOUND. */
export function mayDecideJoin(actor: Actor, household: { _id: string; gridId: string; headPersonId: string }): Decision {
  const head = household.headPersonId === actor._id && actor.householdId === household._id;
  return allowIf(head || holdsIn(actor, ['grid_worker', 'grid_leader'], household.gridId), 'NOT_FOUND', '找不到该申请，或不归您处理');
}

/** The head manages the household's members (户主 [003]). */
export function mayManageMembers(actor: Actor, household: { _id: string; headPersonId: string }): Decision {
  return allowIf(household.headPersonId === actor._id && actor.householdId === household._id, 'FORBIDDEN', '只有本户户主可以管理家庭成员');
}

/** A person unbinds their own WeChat; the village admin unbinds a lost phone of their village. */
export function mayUnbind(actor: Actor, person: { _id: string; villageId: string | null }): Decision {
  if (person._id === actor._id) return allow;
  return allowIf(person.villageId !== null && holdsIn(actor, ['village_admin'], person.villageId), 'NOT_FOUND', '找不到该人员，或不在您管理的村');
}
