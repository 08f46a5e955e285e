import {
  decideObjectionInput,
  exportInput,
  getInput,
  linesInput,
  objectInput,
  objectionsInput,
  quarterInput,
  redBlackInput,
  townDecideInput,
  townQueueInput,
  type TownQueueRow,
} from '@domain/api/publicity';
import { DomainError } from '@domain/shared/errors';
import { cstDate, quarterOf } from '@domain/shared/time';
import { previousQuarter } from '@domain/audit/baseScore';
import type { Village } from '@domain/org/types';
import { PUBLICITY_STATUS_LABELS, type Publicity } from '@domain/publicity/types';
import { publicityIdOf } from '@domain/publicity/ids';
import { LINES_PER_CHUNK } from '@domain/publicity/lines';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { scopesOf } from '@backend/runtime/scope';
import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import { publicityRepo } from '@backend/repos/publicity';
import { adminVillage, isTownAdminOf, readerOf, type Reader } from '@backend/publicity/access';
import { openPublicity } from '@backend/publicity/open';
import { decideObjection, fileObjection } from '@backend/publicity/objections';
import { closePublicity, reopenPublicity, townApprove, townReturn } from '@backend/publicity/review';
import { objectionView, publicityView, redBlackView } from '@backend/publicity/view';
import { publicitySheet } from '@backend/publicity/export';
import type { Database } from '@backend/db/types';

/** The quarter asked for, else the village's latest publicity; null when there is none (or it is still being generated for a non-admin). */
async function publicityFor(db: Database, reader: Reader, quarter: string | undefined): Promise<Publicity | null> {
  const p = quarter ? await publicityRepo.get(db, publicityIdOf(reader.village._id, quarter)) : await publicityRepo.latestOfVillage(db, reader.village._id);
  if (!p) return null;
  if (p.status === 'opening' && !reader.admin && !reader.town) return null;
  return p;
}

async function mustPublicity(db: Database, reader: Reader, quarter: string | undefined): Promise<Publicity> {
  const p = await publicityFor(db, reader, quarter);
  if (!p || p.status === 'opening') throw new DomainError('NOT_FOUND', `${quarter ?? '本季度'} 还未公示`);
  return p;
}

export const publicity: FunctionDef<'publicity'> = {
  /** 村两委: publish the quarter (resumes an interrupted opening). */
  open: action(quarterInput, async (input, ctx) => {
    const person = await me(ctx);
    const village = await adminVillage(ctx.deps.db, person);
    const p = await openPublicity(ctx.deps, person, village, input.quarter);
    return publicityView(ctx.deps.db, person, await readerOf(ctx.deps.db, person, village._id), p, ctx.deps.now());
  }),

  get: action(getInput, async (input, ctx) => {
    const person = await me(ctx);
    const reader = await readerOf(ctx.deps.db, person, input.villageId);
    const p = await publicityFor(ctx.deps.db, reader, input.quarter);
    return p ? publicityView(ctx.deps.db, person, reader, p, ctx.deps.now()) : null;
  }),

  /** Lines in list order; a page spans at most two stored chunks. */
  lines: action(linesInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const reader = await readerOf(db, person, input.villageId);
    const p = await mustPublicity(db, reader, input.quarter);
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    const first = Math.floor(offset / LINES_PER_CHUNK);
    const last = Math.floor((offset + limit - 1) / LINES_PER_CHUNK);
    const chunks = await Promise.all([first, ...(last !== first ? [last] : [])].map((n) => publicityRepo.chunk(db, p._id, n)));
    const lines = chunks.flatMap((c) => c?.lines ?? []);
    const from = offset - first * LINES_PER_CHUNK;
    return { items: lines.slice(from, from + limit), total: p.householdCount, offset };
  }),

  redBlack: action(redBlackInput, async (input, ctx) => {
    const person = await me(ctx);
    const reader = await readerOf(ctx.deps.db, person, input.villageId);
    const p = await publicityFor(ctx.deps.db, reader, input.quarter);
    return p ? redBlackView(reader, p) : null;
  }),

  /** A villager of the village: 异议 against a line, with reason and photos. */
  object: action(objectInput, async (input, ctx) => {
    const person = await me(ctx);
    const o = await fileObjection(ctx.deps, person, input);
    return objectionView(ctx.deps.files, person, false, o);
  }),

  objections: action(objectionsInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const page = { offset: input.offset ?? 0, limit: input.limit ?? 20 };
    const scope = input.scope ?? (input.villageId || input.quarter ? 'village' : 'mine');
    if (scope === 'mine') {
      const { items, total } = await publicityRepo.objectionsBy(db, person, page);
      return { items: await Promise.all(items.map((o) => objectionView(ctx.deps.files, person, false, o))), total };
    }
    const reader = await readerOf(db, person, input.villageId);
    if (!reader.committee) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组和村两委可以查看全部异议');
    const p = await publicityFor(db, reader, input.quarter);
    if (!p) return { items: [], total: 0 };
    const { items, total } = await publicityRepo.objectionsOf(db, p._id, { ...page, status: input.status });
    return { items: await Promise.all(items.map((o) => objectionView(ctx.deps.files, person, true, o))), total };
  }),

  /** 评议小组 + 监督小组: each signs; two signatures of the two committees make it final. */
  decideObjection: action(decideObjectionInput, async (input, ctx) => {
    const person = await me(ctx);
    const o = await decideObjection(ctx.deps, person, input.objectionId, {
      outcome: input.outcome,
      points: input.points ?? 0,
      reason: input.reason,
    });
    return objectionView(ctx.deps.files, person, true, o);
  }),

  close: action(quarterInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const village = await adminVillage(db, person);
    const p = await closePublicity(ctx.deps, person, publicityIdOf(village._id, input.quarter));
    return publicityView(db, person, await readerOf(db, person, village._id), p, ctx.deps.now());
  }),

  reopen: action(quarterInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const village = await adminVillage(db, person);
    const p = await reopenPublicity(ctx.deps, person, village, publicityIdOf(village._id, input.quarter));
    return publicityView(db, person, await readerOf(db, person, village._id), p, ctx.deps.now());
  }),

  /** 镇: every village of the town and its quarter's state. */
  townQueue: action(townQueueInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const townId = scopesOf(person, ['town_admin'])[0];
    if (!townId) throw new DomainError('FORBIDDEN', '只有镇管理员可以查看各村公示复核');
    const quarter = input.quarter ?? previousQuarter(quarterOf(cstDate(ctx.deps.now())));
    const [{ data: villages }, pubs] = await Promise.all([
      db.collection<Village>(C.villages).where({ townId }).orderBy('_id', 'asc').limit(1000).get(),
      publicityRepo.ofTownQuarter(db, townId, quarter),
    ]);
    const byVillage = new Map(pubs.map((p) => [p.villageId, p]));
    const rows: TownQueueRow[] = villages.map((v) => {
      const p = byVillage.get(v._id);
      return {
        villageId: v._id,
        villageName: v.name,
        quarter,
        status: p?.status ?? 'not_opened',
        statusLabel: p ? PUBLICITY_STATUS_LABELS[p.status] : '未发起公示',
        householdCount: p?.householdCount ?? 0,
        totalPoints: p?.totalPoints ?? 0,
        openObjections: p?.openObjections ?? 0,
        startDate: p?.startDate ?? null,
        endDate: p?.endDate ?? null,
        returnReason: p?.returnReason ?? null,
      };
    });
    return { quarter, rows };
  }),

  /** 镇党委复核: approve (points become redeemable) or send back with a reason. */
  townDecide: action(townDecideInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const village = await orgRepo.village(db, input.villageId);
    if (!village || !isTownAdminOf(person, village)) {
      if (!person.roles.some((r) => r.role === 'town_admin')) throw new DomainError('FORBIDDEN', '只有镇管理员可以复核');
      throw new DomainError('NOT_FOUND', '找不到该村');
    }
    const id = publicityIdOf(village._id, input.quarter);
    const p =
      input.decision === 'approve' ? await townApprove(ctx.deps, person, id) : await townReturn(ctx.deps, person, id, input.reason ?? '');
    return publicityView(db, person, await readerOf(db, person, village._id), p, ctx.deps.now());
  }),

  export: action(exportInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const reader = await readerOf(db, person, input.villageId);
    if (!reader.committee) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组、村两委和镇可以导出公示表');
    return publicitySheet(db, await mustPublicity(db, reader, input.quarter));
  }),
};
