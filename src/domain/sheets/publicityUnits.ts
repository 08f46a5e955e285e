import { maskName } from '../org/types';
import { isHouseholdLine } from '../publicity/lines';
import type { PublicityLine } from '../publicity/types';

/**
 * The units' part of the 公示表 and the 公示栏 sheet (单位积分), apart from the households': a
 * unit is an organisation, so its name stands in full; its 负责人 is a person, so theirs is
 * masked. One row per unit line, in list order: 序号, 单位名称, 类别, 负责人, the three months,
 * 异议更正, 本季合计 (units have no base score).
 */
export function unitPublicityRows(lines: readonly PublicityLine[], responsible: ReadonlyMap<string, string>): (string | number)[][] {
  return lines
    .filter((l) => !isHouseholdLine(l))
    .map((l, i) => {
      const name = responsible.get(l.householdId);
      return [i + 1, l.name, l.doorNo, name ? maskName(name) : '', l.months[0], l.months[1], l.months[2], l.corrections, l.total];
    });
}

/** The headers of those rows; `months` as the quarter's month labels (e.g. 7月). */
export function unitPublicityHeaders(months: readonly string[]): string[] {
  return ['序号', '单位名称', '类别', '负责人', ...months, '异议更正', '本季合计'];
}
