import type { Workbook } from '@domain/sheets/workbook';
import { monthsOfQuarter } from '@domain/publicity/quarter';
import { PUBLICITY_STATUS_LABELS, type Publicity } from '@domain/publicity/types';
import type { Database } from '../db/types';
import { publicityRepo } from '../repos/publicity';

/**
 * 公示表 for the bulletin board (公示栏): one row per household in list order, names masked,
 * the three months, base score, corrections and total; then the window and where to object.
 */
export async function publicityBook(db: Database, p: Publicity): Promise<Workbook> {
  const months = monthsOfQuarter(p.quarter);
  const rows: (string | number)[][] = [];
  for (const chunk of await publicityRepo.chunks(db, p._id)) {
    for (const l of chunk.lines) {
      rows.push([rows.length + 1, l.gridName, l.doorNo, l.name, l.months[0], l.months[1], l.months[2], l.baseScore, l.corrections, l.total]);
    }
  }
  const int = 'int' as const;
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
          `公示期 ${p.startDate} 至 ${p.endDate}，状态：${PUBLICITY_STATUS_LABELS[p.status]}`,
          '如有异议，请在公示期内通过小程序“积分公示”页或向村评议小组提出。',
        ],
      },
    ],
  };
}
