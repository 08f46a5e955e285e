import { SCENES } from '@domain/moderation';
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
import { allow } from '@domain/access/decision';
import {
  mayDecideObjection,
  mayExport,
  mayReadAllObjections,
  mayReadPublicity,
  mayTownDecide,
  publicityGates,
  reviewingTown,
} from '@domain/publicity/policy';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import { publicityRepo } from '@backend/repos/publicity';
import { adminVillage, loadReader, readerOf, type Reader } from '@backend/publicity/access';
import { openPublicity } from '@backend/publicity/open';
import { decideObjection, fileObjection } from '@backend/publicity/objections';
import { closePublicity, reopenPublicity, townApprove, townReturn } from '@backend/publicity/review';
import { objectionView, publicityView, redBlackView } from '@backend/publicity/view';
import { publicityBook } from '@backend/publicity/export';
import { csvAction, exportSpec } from '@backend/sheets/exportSpec';
import type { Database } from '@backend/db/types';
import { onObjectionDecided, onObjectionFiled, onPublicityChanged } from '@backend/notices/triggers';

/** The quarter asked for, else the village's latest publicity; null when there is none (or it is still being generated for a non-admin). */
async function publicityFor(db: Database, reader: Reader, quarter: string | undefined): Promise<Publicity | null> {
  const p = quarter ? await publicityRepo.get(db, publicityIdOf(reader.village._id, quarter)) : await publicityRepo.latestOfVillage(db, reader.village._id);
  if (!p) return null;
  if (p.status === 'opening' && !reader.admin && !reader.town) return null;
  return p;
}

export async function mustPublicity(db: Database, reader: Reader, quarter: string | undefined): Promise<Publicity> {
  const p = await publicityFor(db, reader, quarter);
  if (!p || p.status === 'opening') throw new DomainError('NOT_FOUND', `${quarter ?? '本季度'} 还未公示`);
  return p;
}

/** 公示表: CSV here, .xlsx in the sheets function. */
export const publicityExport = exportSpec({
  gate: publicityGates.export,
  schema: exportInput,
  load: (input, ctx) => loadReader(input.villageId, ctx),
  authorize: (reader) => mayExport(reader),
  book: async (input, { deps, loaded: reader }) => publicityBook(deps.db, await mustPublicity(deps.db, reader, input.quarter)),
});

export const publicity: FunctionDef<'publicity'> = {
  /** 村两委: publish the quarter (resumes an interrupted opening). */
  open: action({
    gate: publicityGates.publish,
    schema: quarterInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, actor, loaded: village }) => {
      const p = await openPublicity(deps, actor, village, input.quarter);
      await onPublicityChanged(deps, actor, p);
      return publicityView(deps.db, actor, await readerOf(deps.db, actor, village._id), p, deps.now());
    },
  }),

  get: action({
    gate: publicityGates.read,
    schema: getInput,
    load: (input, ctx) => loadReader(input.villageId, ctx),
    authorize: (reader) => mayReadPublicity(reader),
    run: async (input, { deps, actor, loaded: reader }) => {
      const p = await publicityFor(deps.db, reader, input.quarter);
      return p ? publicityView(deps.db, actor, reader, p, deps.now()) : null;
    },
  }),

  /** Lines in list order; a page spans at most two stored chunks. */
  lines: action({
    gate: publicityGates.read,
    schema: linesInput,
    load: (input, ctx) => loadReader(input.villageId, ctx),
    authorize: (reader) => mayReadPublicity(reader),
    run: async (input, { deps, loaded: reader }) => {
      const db = deps.db;
      const p = await mustPublicity(db, reader, input.quarter);
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 50;
      const first = Math.floor(offset / LINES_PER_CHUNK);
      const last = Math.floor((offset + limit - 1) / LINES_PER_CHUNK);
      const chunks = await Promise.all([first, ...(last !== first ? [last] : [])].map((n) => publicityRepo.chunk(db, p._id, n)));
      const lines = chunks.flatMap((c) => c?.lines ?? []);
      const from = offset - first * LINES_PER_CHUNK;
      return { items: lines.slice(from, from + limit), total: p.householdCount + (p.unitCount ?? 0), offset };
    },
  }),

  redBlack: action({
    gate: publicityGates.read,
    schema: redBlackInput,
    load: (input, ctx) => loadReader(input.villageId, ctx),
    authorize: (reader) => mayReadPublicity(reader),
    run: async (input, { deps, loaded: reader }) => {
      const p = await publicityFor(deps.db, reader, input.quarter);
      return p ? redBlackView(reader, p) : null;
    },
  }),

  /** A villager of the village: 异议 against a line, with reason and photos (the village is checked by fileObjection, via mayObject). */
  object: action({
    gate: publicityGates.object,
    schema: objectInput,
    content: { scene: SCENES.objection, texts: (i) => [i.reason], photos: (i) => i.photos },
    run: async (input, { deps, actor }) => {
      const o = await fileObjection(deps, actor, input);
      await onObjectionFiled(deps, actor, o);
      return objectionView(deps, actor, false, o);
    },
  }),

  /** Mine (anyone: the objections I filed), or the village's (its committees, the village admin, the town admin). */
  objections: action({
    gate: publicityGates.read,
    schema: objectionsInput,
    load: async (input, ctx) => {
      const scope = input.scope ?? (input.villageId || input.quarter ? 'village' : 'mine');
      return scope === 'mine' ? { scope, reader: null } : { scope, reader: await loadReader(input.villageId, ctx) };
    },
    authorize: ({ reader }) => (reader ? mayReadAllObjections(reader) : allow),
    run: async (input, { deps, actor, loaded: { reader } }) => {
      const db = deps.db;
      const page = { offset: input.offset ?? 0, limit: input.limit ?? 20 };
      if (!reader) {
        const { items, total } = await publicityRepo.objectionsBy(db, actor, page);
        return { items: await Promise.all(items.map((o) => objectionView(deps, actor, false, o))), total };
      }
      const p = await publicityFor(db, reader, input.quarter);
      if (!p) return { items: [], total: 0 };
      const { items, total } = await publicityRepo.objectionsOf(db, p._id, { ...page, status: input.status });
      return { items: await Promise.all(items.map((o) => objectionView(deps, actor, true, o))), total };
    },
  }),

  /** 评议小组 + 监督小组: each signs; two signatures of the two committees, by two people, make it final. */
  decideObjection: action({
    gate: publicityGates.decideObjection,
    schema: decideObjectionInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: async (input, { deps }) => {
      const o = await publicityRepo.objection(deps.db, input.objectionId);
      if (!o) throw new DomainError('NOT_FOUND', '找不到该异议');
      return o;
    },
    authorize: (o, actor) => mayDecideObjection(actor, o),
    run: async (input, { deps, actor, loaded: found }) => {
      const o = await decideObjection(deps, actor, found, { outcome: input.outcome, points: input.points ?? 0, reason: input.reason });
      await onObjectionDecided(deps, actor, o);
      return objectionView(deps, actor, true, o);
    },
  }),

  close: action({
    gate: publicityGates.publish,
    schema: quarterInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, actor, loaded: village }) => {
      const db = deps.db;
      const p = await closePublicity(deps, actor, publicityIdOf(village._id, input.quarter));
      await onPublicityChanged(deps, actor, p);
      return publicityView(db, actor, await readerOf(db, actor, village._id), p, deps.now());
    },
  }),

  reopen: action({
    gate: publicityGates.publish,
    schema: quarterInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, actor, loaded: village }) => {
      const db = deps.db;
      const p = await reopenPublicity(deps, actor, village, publicityIdOf(village._id, input.quarter));
      await onPublicityChanged(deps, actor, p);
      return publicityView(db, actor, await readerOf(db, actor, village._id), p, deps.now());
    },
  }),

  /** 镇: every village of the town and its quarter's state. */
  townQueue: action({
    gate: publicityGates.townQueue,
    schema: townQueueInput,
    run: async (input, { deps, actor }) => {
      const db = deps.db;
      const townId = reviewingTown(actor) as string; // the gate admits town admins only
      const quarter = input.quarter ?? previousQuarter(quarterOf(cstDate(deps.now())));
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
    },
  }),

  /** 镇党委复核: approve (points become redeemable) or send back with a reason. */
  townDecide: action({
    gate: publicityGates.townDecide,
    schema: townDecideInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: async (input, { deps }) => {
      const village = await orgRepo.village(deps.db, input.villageId);
      if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
      return village;
    },
    authorize: (village, actor) => mayTownDecide(actor, village),
    run: async (input, { deps, actor, loaded: village }) => {
      const db = deps.db;
      const id = publicityIdOf(village._id, input.quarter);
      const p = input.decision === 'approve' ? await townApprove(deps, actor, id) : await townReturn(deps, actor, id, input.reason ?? '');
      await onPublicityChanged(deps, actor, p);
      return publicityView(db, actor, await readerOf(db, actor, village._id), p, deps.now());
    },
  }),

  export: csvAction(publicityExport),
};
