import { z } from 'zod';
import { token } from './text';
import { PERIOD } from '../sheets/period';

/** A village (default: the caller's) and a period of its paperwork: 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
export const villagePeriodInput = z
  .object({
    villageId: token().min(1).max(64).optional(),
    period: token().regex(PERIOD, { error: '期间格式不正确，例如 2026、2026-Q3 或 2026-09（年份在 2000 至 2099 之间）' }),
  })
  .strict();
