import { monthsOfQuarter } from '../publicity/quarter';
import { isHouseholdLine } from '../publicity/lines';
import type { Publicity, PublicityLine } from '../publicity/types';
import { unitPublicityHeaders, unitPublicityRows } from './publicityUnits';

export interface PosterColumn {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * A sheet for the wall (公示栏), independent of the PDF library: what it says, in order.
 * Built from the stored publicity, whose lines already carry masked names only.
 */
export interface Poster {
  title: string;
  subtitle: string;
  columns: PosterColumn[];
  /** The households' lines. */
  rows: string[][];
  /** 单位积分: the units' lines in a table of their own after the households' (none: no table). */
  units: { title: string; columns: PosterColumn[]; rows: string[][] } | null;
  /** 红榜: the quarter's best households, one line each. */
  honours: string[];
  /** The window and how to object, one paragraph each. */
  notes: string[];
  /** Text of the QR code printed beside the notes (opens the publicity page). */
  qr: string;
  qrCaption: string;
  /** The committees that sign the sheet before it goes up. */
  signatures: string[];
  footer: string;
}

/**
 * `responsible`: each unit's 负责人 by unit id — printed masked beside the unit's name, which
 * stands in full (a unit is an organisation).
 */
export function publicityPoster(p: Publicity, all: readonly PublicityLine[], qr: string, responsible: ReadonlyMap<string, string> = new Map()): Poster {
  const months = monthsOfQuarter(p.quarter).map((m) => `${Number(m.slice(5))}月`);
  const [year, q] = [p.quarter.slice(0, 4), p.quarter.slice(6)];
  const lines = all.filter(isHouseholdLine);
  const unitRows = unitPublicityRows(all, responsible).map((r) => r.map(String));
  const unitWidths = [34, 150, 60, 56, 40, 40, 40, 40, 50];
  return {
    title: `${p.villageName}${year}年第${q}季度积分公示`,
    subtitle: `公示期：${p.startDate} 至 ${p.endDate}（共 ${lines.length} 户${unitRows.length ? `、${unitRows.length} 个单位` : ''}）`,
    columns: [
      { header: '序号', width: 34, align: 'center' },
      { header: '网格', width: 96 },
      { header: '门牌号', width: 74 },
      { header: '户主', width: 56 },
      ...months.map((m) => ({ header: m, width: 40, align: 'right' as const })),
      { header: '基础分', width: 46, align: 'right' },
      { header: '更正', width: 40, align: 'right' },
      { header: '合计', width: 50, align: 'right' },
    ],
    rows: lines.map((l, i) => [String(i + 1), l.gridName, l.doorNo, l.name, ...l.months.map(String), String(l.baseScore), String(l.corrections), String(l.total)]),
    units: unitRows.length
      ? {
          title: '单位积分',
          columns: unitPublicityHeaders(months).map((header, j) => ({ header: header === '异议更正' ? '更正' : header === '本季合计' ? '合计' : header, width: unitWidths[j], ...(j === 0 ? { align: 'center' as const } : j >= 4 ? { align: 'right' as const } : {}) })),
          rows: unitRows,
        }
      : null,
    honours: (p.redBlack?.quarterTop ?? []).slice(0, 10).map((r) => `第${r.rank}名　${r.gridName} ${r.name}　${r.points} 分`),
    notes: [
      `公示期：${p.startDate} 至 ${p.endDate}。`,
      '如对本表有异议，请在公示期内用微信扫右侧二维码，在“积分公示”页提出，或当面向村评议小组、监督小组反映。异议将由评议小组和监督小组共同核实处理，并告知结果。',
    ],
    qr,
    qrCaption: '扫码查看公示、提出异议',
    signatures: ['村评议小组（签字）：', '村监督小组（签字）：'],
    footer: `${p.villageName} · ${p.quarter} · 乡约积分`,
  };
}
