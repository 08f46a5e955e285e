import { exportFileInput, handbookInput, pointsLedgerInput, rankingCertificatesInput, rosterXlsxInput } from '@domain/api/sheets';
import { adminVillage as gridAdminVillage, gridGates } from '@domain/grid/policy';
import { mayFetchExport, mayTakeGridHandbooks, mayTakeHandbook, mayTakeVillagePaperwork, sheetsGates } from '@domain/sheets/policy';
import { assertHandbookFits } from '@domain/sheets/limits';
import { delivered } from '@backend/sheets/deliver';
import { storedExportsRepo } from '@backend/repos/storedExports';
import { FILE_URL_TTL_SECONDS } from '@backend/files/port';
import { periodOf } from '@domain/sheets/period';
import { inRosterOrder, pointsLedgerBook } from '@domain/sheets/pointsLedger';
import { handbookBook, type HandbookHousehold } from '@domain/sheets/handbook';
import { DomainError } from '@domain/shared/errors';
import type { Household } from '@domain/org/types';
import type { Decision } from '@domain/access/decision';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { loadHouseholdPeriod, loadVillagePeriod, type VillagePeriodData } from '@backend/sheets/pointsData';
import { xlsxAction, xlsxOf } from '@backend/sheets/xlsx';
import { mustPublicity, publicityExport } from '../publicity/actions';
import { publicityPoster } from '@domain/sheets/poster';
import { posterPdf } from '@backend/sheets/pdf';
import { publicityLink } from '@backend/sheets/links';
import { publicityRepo } from '@backend/repos/publicity';
import { rankingGates } from '@domain/ranking/policy';
import { assertCertificatesPrintable, certificatesOf } from '@domain/ranking/certificate';
import { rankingOf } from '@backend/ranking/annual';
import { certificatesPdf } from '@backend/ranking/certificate';
import { adminVillage } from '@backend/publicity/access';
import { publicityLines } from '@backend/publicity/export';
import { patrolExport } from '../patrol/actions';
import { assessmentExport } from '../assessment/actions';
import { peopleLedgerExport } from '../grid/actions';
import { receiptsExport } from '../shop/actions';
import { commitImport, previewImport } from '@backend/grid/importRoster';
import { readRosterXlsx } from '@backend/sheets/roster';

/** The village asked for, or the caller's own. */
async function loadVillage(villageId: string | undefined, { deps, actor }: PersonContext): Promise<VillageDoc> {
  const id = villageId ?? actor.villageId;
  const village = id ? await orgRepo.village(deps.db, id) : null;
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村，或您无权导出');
  return village;
}

type HandbookScope =
  | { kind: 'household'; household: Household; name: string }
  | { kind: 'grid'; grid: { _id: string; villageId: string; townId: string }; name: string }
  | { kind: 'village'; village: VillageDoc; name: string };

async function loadHandbookScope(input: { of?: 'household' | 'grid' | 'village'; id?: string }, ctx: PersonContext): Promise<HandbookScope> {
  const { db } = ctx.deps;
  if (input.of === 'grid') {
    const grid = await orgRepo.grid(db, input.id ?? '');
    if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格，或您无权导出');
    return { kind: 'grid', grid, name: grid.name };
  }
  if (input.of === 'village') {
    const village = await loadVillage(input.id, ctx);
    return { kind: 'village', village, name: village.name };
  }
  const id = input.id ?? ctx.actor.householdId;
  const household = id ? await orgRepo.household(db, id) : null;
  if (!household) throw new DomainError('NOT_FOUND', '找不到该户，或您无权查看');
  return { kind: 'household', household, name: `${household.headName}户` };
}

function mayTakeScope(scope: HandbookScope, actor: PersonContext['actor']): Decision {
  if (scope.kind === 'household') return mayTakeHandbook(actor, scope.household);
  if (scope.kind === 'grid') return mayTakeGridHandbooks(actor, scope.grid);
  return mayTakeVillagePaperwork(actor, scope.village);
}

/** Splits village-wide reads into one 手册 per household. */
function perHousehold(data: VillagePeriodData, only: (h: Household) => boolean): HandbookHousehold[] {
  const group = <T extends { householdId: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) {
      const bucket = m.get(x.householdId);
      if (bucket) bucket.push(x);
      else m.set(x.householdId, [x]);
    }
    return m;
  };
  const apps = group(data.applications);
  const entries = group(data.entries);
  const results = group(data.monthResults);
  const scores = group(data.baseScores);
  const balances = new Map(data.balances.map((b) => [b._id, b]));
  return inRosterOrder(data.households.filter(only), data.grids).map((household) => ({
    household,
    gridName: data.grids.get(household.gridId) ?? '未划网格',
    applications: apps.get(household._id) ?? [],
    entries: (entries.get(household._id) ?? []).sort((a, b) => a.seq - b.seq),
    baseScores: scores.get(household._id) ?? [],
    monthResults: (results.get(household._id) ?? []).reduce((s, e) => s + e.delta, 0),
    balance: balances.get(household._id) ?? null,
  }));
}

const { book: _publicityBook, ...publicityAccess } = publicityExport;

/** How many households a 积分手册 of this scope holds: counted before the year's records are read. */
async function householdsIn(scope: HandbookScope, ctx: PersonContext): Promise<number> {
  if (scope.kind === 'household') return 1;
  if (scope.kind === 'grid') return orgRepo.countHouseholdsOfGrid(ctx.deps.db, scope.grid._id);
  return orgRepo.countHouseholdsOfVillage(ctx.deps.db, scope.village._id);
}

/**
 * Every export below goes through `delivered` (backend/sheets/deliver.ts): inline up to 1 MB,
 * else stored for its requester and answered as a temporary URL.
 */
export const sheets: FunctionDef<'sheets'> = {
  /** 公示表 as .xlsx (names masked). */
  publicity: delivered(xlsxAction(publicityExport)),
  /** 定点巡查台账 as .xlsx. */
  patrol: delivered(xlsxAction(patrolExport)),
  /** 网格员积分评定台账 as .xlsx. */
  assessment: delivered(xlsxAction(assessmentExport)),
  /** 人员信息分布台账 as .xlsx. */
  people: delivered(xlsxAction(peopleLedgerExport)),
  /** 兑换记录台账 as .xlsx. */
  receipts: delivered(xlsxAction(receiptsExport)),

  /** A stored export again (its URL expired): only for the person who made it. */
  exportFile: action({
    gate: sheetsGates.exportFile,
    schema: exportFileInput,
    load: async (input, { deps }) => {
      const [owner, kept] = await Promise.all([deps.files.exportOwner(input.fileId), storedExportsRepo.exists(deps.db, input.fileId)]);
      // Stored exports are deleted a day after they were made (STORED_EXPORT_KEEP_MS).
      if (!owner || !kept) throw new DomainError('NOT_FOUND', '找不到该文件（导出的文件保留一天），或它不是您导出的，请重新导出');
      return owner;
    },
    authorize: (owner, actor) => mayFetchExport(actor, owner),
    run: async (input, { deps }) => ({ url: await deps.files.url(input.fileId), expiresInSeconds: FILE_URL_TTL_SECONDS }),
  }),

  /** 奖状 of the published 年度评比: the village admin prints them (full head names: handed to each household, never posted). */
  rankingCertificates: delivered(action({
    gate: rankingGates.manage,
    schema: rankingCertificatesInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, loaded: village }) => {
      const year = String(input.year);
      const r = await rankingOf(deps.db, village._id, year);
      assertCertificatesPrintable(r, year);
      const lines = input.householdId ? r.lines.filter((l) => l.householdId === input.householdId) : r.lines;
      if (lines.length === 0) throw new DomainError(input.householdId ? 'NOT_FOUND' : 'INVALID_TRANSITION', input.householdId ? '该户没有获评' : '没有获评的户');
      const heads = new Map((await publicityRepo.householdsOfVillage(deps.db, village._id)).map((h) => [h._id, h.headName]));
      const certs = certificatesOf({ ...r, lines }, heads);
      return certificatesPdf(certs, `${village.name}${year}年度评比奖状`, `${village.name}-${year}年度评比-奖状.pdf`);
    },
  })),

  /** The printable 公示栏 sheet (PDF): who may take the 公示表 may take it; the units (单位积分) in a table of their own. */
  publicityPoster: delivered(action({
    gate: publicityAccess.gate,
    schema: publicityAccess.schema,
    load: publicityAccess.load,
    authorize: publicityAccess.authorize,
    run: async (input, { deps, loaded: reader }) => {
      const p = await mustPublicity(deps.db, reader, input.quarter);
      const { lines, responsible } = await publicityLines(deps.db, p);
      return posterPdf(publicityPoster(p, lines, publicityLink(p.villageId, p.quarter), responsible), `${p.villageName}-积分公示栏-${p.quarter}.pdf`);
    },
  })),

  /** 积分台账: a village's points for a month, quarter or year, by household and category. */
  pointsLedger: delivered(action({
    gate: sheetsGates.pointsLedger,
    schema: pointsLedgerInput,
    load: (input, ctx) => loadVillage(input.villageId, ctx),
    authorize: (village, actor) => mayTakeVillagePaperwork(actor, village),
    run: async (input, { deps, loaded: village }) => {
      const period = periodOf(input.period);
      const data = await loadVillagePeriod(deps.db, village._id, period);
      return xlsxOf(
        pointsLedgerBook({
          villageName: village.name,
          period,
          grids: data.grids,
          households: data.households,
          applications: data.applications.map((a) => ({ householdId: a.householdId, categoryName: a.categoryName, points: a.audit?.points ?? 0 })),
          entries: data.entries,
          monthResults: data.monthResults,
          balances: data.balances,
        }),
      );
    },
  })),

  /** 积分手册: one household's year (default: the caller's own), or every household of a grid or village, a sheet each. */
  handbook: delivered(action({
    gate: sheetsGates.handbook,
    schema: handbookInput,
    load: (input, ctx) => loadHandbookScope(input, ctx),
    authorize: (scope, actor) => mayTakeScope(scope, actor),
    run: async (input, ctx) => {
      const { deps, loaded: scope } = ctx;
      assertHandbookFits(await householdsIn(scope, ctx)); // EXPORT_TOO_LARGE: nothing read, nothing written
      const period = periodOf(String(input.year));
      const households =
        scope.kind === 'household'
          ? perHousehold(await loadHouseholdPeriod(deps.db, scope.household, period), () => true)
          : scope.kind === 'grid'
            ? perHousehold(await loadVillagePeriod(deps.db, scope.grid.villageId, period), (h) => h.gridId === scope.grid._id)
            : perHousehold(await loadVillagePeriod(deps.db, scope.village._id, period), () => true);
      if (households.length === 0) throw new DomainError('NOT_FOUND', '这里还没有登记的户');
      return xlsxOf(handbookBook(scope.name, String(input.year), households));
    },
  })),

  /** 导入住户名册 from an .xlsx: read here (exceljs is in this bundle), then the grid's import use case, bad rows and all. */
  importPreview: action({
    gate: gridGates.admin,
    schema: rosterXlsxInput,
    run: async (input, ctx) => previewImport(ctx.deps, gridAdminVillage(ctx.actor) as string, { rows: await readRosterXlsx(input.content), content: input.content }),
  }),

  importCommit: action({
    gate: gridGates.admin,
    schema: rosterXlsxInput,
    run: async (input, ctx) => commitImport(ctx.deps, ctx.actor, gridAdminVillage(ctx.actor) as string, { rows: await readRosterXlsx(input.content), content: input.content }),
  }),
};
