import type { Role } from '../org/roles';
import { roles } from '../access/gate';
import { allow, allowIf, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';

/** Who may run the village jobs (年底结转) by hand and read their runs; the timer runs them for every village. */
const ADMIN: Role[] = ['village_admin'];
const TOWN: Role[] = ['town_admin'];
const JOB_DENIED = '只有村两委或镇管理员可以执行年底结转';

export const jobsGates = {
  yearEnd: roles([...ADMIN, ...TOWN], JOB_DENIED),
  runs: roles([...ADMIN, ...TOWN], JOB_DENIED),
  annualBase: roles([...ADMIN, ...TOWN], '只有村两委或镇管理员可以发放年度基础分'),
} as const;

/** Which villages a caller's jobs cover when they name none: a town admin's towns (all their villages), else the admin's village. */
export function defaultJobScope(actor: Pick<Actor, 'roles'>): { towns: string[] } | { village: string | null } {
  const towns = scopesOf(actor, TOWN);
  return towns.length > 0 ? { towns } : { village: scopesOf(actor, ADMIN)[0] ?? null };
}

/** A village's jobs: its admin, or the admin of its town. Others get NOT_FOUND (no probing). */
export function mayRunJobsFor(actor: Pick<Actor, 'roles'>, village: { _id: string; townId: string }): Decision {
  return allowIf(holdsIn(actor, ADMIN, village._id) || holdsIn(actor, TOWN, village.townId), 'NOT_FOUND', '找不到该村');
}

/** Every village must be the caller's to run or read. */
export function mayRunJobsForAll(actor: Pick<Actor, 'roles'>, villages: readonly { _id: string; townId: string }[]): Decision {
  for (const v of villages) {
    const may = mayRunJobsFor(actor, v);
    if (!may.ok) return may;
  }
  return allow;
}
