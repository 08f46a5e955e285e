import type { Role } from '../org/roles';
import { roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, type Actor } from '../access/actor';
import { adminVillage, overseenTown } from './policy';
import type { Assessment } from './assessment';

/**
 * 网格员积分评定 [004]: who may see or change a grid's assessment. Only its leader assesses; its
 * workers (the 张榜公示 in the grid), the village admin and the town read it once published;
 * the leader or the village admin may append a correction. Anyone else sees nothing of it.
 */
const LEADER: Role[] = ['grid_leader'];
const WORKER: Role[] = ['grid_worker'];
const ADMIN: Role[] = ['village_admin'];
const TOWN: Role[] = ['town_admin'];

export const assessmentGates = {
  assess: roles(LEADER, '只有本网格的网格长可以进行网格员积分评定'),
  read: roles([...LEADER, ...WORKER, ...ADMIN, ...TOWN], '您无权查看该网格的网格员积分评定'),
  correct: roles([...LEADER, ...ADMIN], '只有本网格的网格长或村两委可以更正评定'),
  mine: roles([...WORKER, ...LEADER], '只有网格员可以查看自己的积分评定'),
  ledger: roles([...ADMIN, ...TOWN], '只有村两委和镇管理员可以查看网格员积分评定台账'),
  townOverview: roles(TOWN, '只有镇管理员可以查看全镇网格员积分评定'),
} as const;

type GridRef = { _id: string; villageId: string; townId: string };

export function leadsGrid(actor: Pick<Actor, 'roles'>, grid: { _id: string }): boolean {
  return holdsIn(actor, LEADER, grid._id);
}

/** A worker to assess: holds grid_worker on the grid and is not its leader (nobody assesses themselves). */
export function isAssessed(person: Pick<Actor, 'roles'>, grid: { _id: string }): boolean {
  return holdsIn(person, WORKER, grid._id) && !leadsGrid(person, grid);
}

/** Compute, add or remove manual items, publish: the grid's own leader. */
export function mayAssess(actor: Pick<Actor, 'roles'>, grid: { _id: string }): Decision {
  return allowIf(leadsGrid(actor, grid), 'FORBIDDEN', '只有本网格的网格长可以进行网格员积分评定');
}

/** The grid's leader and workers, its village's admin and its town's admin. */
export function mayReadAssessment(actor: Pick<Actor, 'roles'>, grid: GridRef): Decision {
  const ok = holdsIn(actor, [...LEADER, ...WORKER], grid._id) || holdsIn(actor, ADMIN, grid.villageId) || holdsIn(actor, TOWN, grid.townId);
  return allowIf(ok, 'FORBIDDEN', '您无权查看该网格的网格员积分评定');
}

/** Only the leader sees the draft (and live figures); every other reader sees the published one. */
export function seesDraft(actor: Pick<Actor, 'roles'>, grid: { _id: string }): boolean {
  return leadsGrid(actor, grid);
}

/** A correction to a published assessment: the grid's leader or its village's admin. */
export function mayCorrect(actor: Pick<Actor, 'roles'>, grid: GridRef): Decision {
  return allowIf(leadsGrid(actor, grid) || holdsIn(actor, ADMIN, grid.villageId), 'FORBIDDEN', '只有本网格的网格长或村两委可以更正评定');
}

/**
 * 回避: nobody corrects their own line (a 村两委 member who also works the grid does not correct
 * their own score). Decided on the published lines, read in the correction's transaction; a
 * worker who is not on them gets the usual NOT_FOUND.
 */
export function mayCorrectLine(actor: Pick<Actor, '_id'>, assessment: Pick<Assessment, 'lines'>, workerId: string): Decision {
  const own = workerId === actor._id && (assessment.lines ?? []).some((l) => l.workerId === workerId);
  return allowIf(!own, 'FORBIDDEN', '不能更正自己的积分评定（需回避）');
}

/**
 * 网格员积分评定台账: the town admin the whole town or one village of it (a village elsewhere:
 * NOT_FOUND); the village admin their own village only (another: FORBIDDEN, as it always said).
 */
export function mayReadAssessmentLedger(actor: Pick<Actor, 'roles'>, asked: string | undefined, village: { _id: string; townId: string } | null): Decision {
  const town = overseenTown(actor);
  if (town) return asked === undefined ? allow : allowIf(!!village && village.townId === town, 'NOT_FOUND', '找不到该村');
  const own = adminVillage(actor);
  if (!own) return deny('FORBIDDEN', '只有村两委和镇管理员可以查看网格员积分评定台账');
  return allowIf(asked === undefined || asked === own, 'FORBIDDEN', '只能查看本村的网格员积分评定台账');
}
