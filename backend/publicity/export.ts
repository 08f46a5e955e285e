import { csvFile, type ExportFile } from '@domain/shared/csv';
import { monthsOfQuarter } from '@domain/publicity/quarter';
import { PUBLICITY_STATUS_LABELS, type Publicity } from '@domain/publicity/types';
import type { Database } from '../db/types';
import { publicityRepo } from '../repos/publicity';

/**
 * 公示表 for the bulletin board (公示栏): one row per household in list order, names masked,
 * the three months, base score, corrections and total; then the window and where to object.
 */
export async function publicitySheet(db: Database, p: Publicity): Promise<ExportFile> {
  const months = monthsOfQuarter(p.quarter);
  const headers = ['序号', '网格', '门牌号', '户主', ...months.map((m) => `${Number(m.slice(5))}月积分`), '基础评分', '异议更正', '本季合计'];
  const rows: (string | number)[][] = [];
  for (const chunk of await publicityRepo.chunks(db, p._id)) {
    for (const l of chunk.lines) {
      rows.push([rows.length + 1, l.gridName, l.doorNo, l.name, l.months[0], l.months[1], l.months[2], l.baseScore, l.corrections, l.total]);
    }
  }
  rows.push([]);
  rows.push([`${p.villageName} ${p.quarter} 季度积分公示`, `公示期 ${p.startDate} 至 ${p.endDate}`, `状态：${PUBLICITY_STATUS_LABELS[p.status]}`]);
  rows.push(['如有异议，请在公示期内通过小程序“积分公示”页或向村评议小组提出。']);
  return csvFile(`${p.villageName}-积分公示表-${p.quarter}.csv`, headers, rows);
}
