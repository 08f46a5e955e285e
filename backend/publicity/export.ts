import type { Workbook } from '@domain/sheets/workbook';
import { monthsOfQuarter } from '@domain/publicity/quarter';
import { PUBLICITY_STATUS_LABELS, type Publicity } from '@domain/publicity/types';
import { isHouseholdLine } from '@domain/publicity/lines';
import type { PublicityLine } from '@domain/publicity/types';
import { unitPublicityHeaders, unitPublicityRows } from '@domain/sheets/publicityUnits';
import type { Database } from '../db/types';
import { publicityRepo } from '../repos/publicity';
import { unitsRepo } from '../repos/units';

/** The published lines of a quarter in list order, and each unit's 负责人 by unit id (for the units' part). */
export async function publicityLines(db: Database, p: Publicity): Promise<{ lines: PublicityLine[]; responsible: Map<string, string> }> {
  const [chunks, units] = await Promise.all([publicityRepo.chunks(db, p._id), unitsRepo.ofVillage(db, p.villageId)]);
  return { lines: chunks.flatMap((c) => c.lines), responsible: new Map(units.map((u) => [u._id, u.responsibleName])) };
}

/**
 * 公示表 for the bulletin board (公示栏): one row per household in list order, names masked,
 * the three months, base score, corrections and total; then the window and where to object.
 * The village's units (单位积分) on a sheet of their own: names in full, 负责人 masked. The CSV
 * (the first sheet) holds the households.
 */
export async function publicityBook(db: Database, p: Publicity): Promise<Workbook> {
  const months = monthsOfQuarter(p.quarter);
  const { lines, responsible } = await publicityLines(db, p);
  const rows = lines
    .filter(isHouseholdLine)
    .map((l, i) => [i + 1, l.gridName, l.doorNo, l.name, l.months[0], l.months[1], l.months[2], l.baseScore, l.corrections, l.total]);
  const unitRows = unitPublicityRows(lines, responsible);
  const int = 'int' as const;
  const unitHeaders = unitPublicityHeaders(months.map((m) => `${Number(m.slice(5))}月积分`));
  const window = `公示期 ${p.startDate} 至 ${p.endDate}，状态：${PUBLICITY_STATUS_LABELS[p.status]}`;
  return {
    filename: `${p.villageName}-积分公示表-${p.quarter}`,
    sheets: [
      {
        name: `${p.quarter} 公示表`,
        title: `${p.villageName} ${p.quarter} 季度积分公示表`,
        masked: true,
        columns: [
          { header: '序号', kind: int, width: 6 },
          { header: '网格' },
          { header: '门牌号' },
          { header: '户主' },
          ...months.map((m) => ({ header: `${Number(m.slice(5))}月积分`, kind: int })),
          { header: '基础评分', kind: int },
          { header: '异议更正', kind: int },
          { header: '本季合计', kind: int },
        ],
        rows,
        notes: [
          window,
          '如有异议，请在公示期内通过小程序“积分公示”页或向村评议小组提出。',
          ...(unitRows.length ? [`本村 ${unitRows.length} 个单位的积分见“单位积分”表。`] : []),
        ],
      },
      ...(unitRows.length
        ? [
            {
              name: `${p.quarter} 单位积分`,
              title: `${p.villageName} ${p.quarter} 季度单位积分公示表`,
              masked: true,
              columns: unitHeaders.map((header, j) => (j === 1 || j === 2 || j === 3 ? { header } : { header, kind: int, ...(j === 0 ? { width: 6 } : {}) })),
              rows: unitRows,
              notes: [window, '单位名称公开；负责人姓名已隐去部分。单位积分单独公示，不与农户同列。'],
            },
          ]
        : []),
    ],
  };
}
