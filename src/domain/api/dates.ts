import { EARLIEST_DATE, LATEST_DATE, isIsoDate } from '../shared/time';
import { token } from './text';

/**
 * Dates, months and quarters as actions take them: the format, a real calendar day, and
 * within the years the product knows (2000–2099, src/domain/shared/time.ts) — a veto dated
 * 1900-01-01 is refused here with a Chinese message, not stored to sit outside every list.
 * Rules where time matters (a deed's month, a veto's year, an inspection's quarter) check
 * their own windows on top.
 */
type Msgs = { required?: string; format?: string };

const EARLIEST_MONTH = EARLIEST_DATE.slice(0, 7);
const LATEST_MONTH = LATEST_DATE.slice(0, 7);
const range = `${EARLIEST_DATE.slice(0, 4)}–${LATEST_DATE.slice(0, 4)} 年`;

/** 'YYYY-MM-DD', a real day, 2000-01-01 … 2099-12-31. */
export const isoDateField = (m: Msgs = {}) =>
  token({ error: m.required ?? '请选择日期' })
    .refine(isIsoDate, { error: m.format ?? '日期格式应为 YYYY-MM-DD', abort: true })
    .refine((d) => d >= EARLIEST_DATE, { error: `日期不能早于 ${EARLIEST_DATE}`, abort: true })
    .refine((d) => d <= LATEST_DATE, { error: `日期不能晚于 ${LATEST_DATE}`, abort: true });

/** 'YYYY-MM', 2000-01 … 2099-12. */
export const monthValue = (m: Msgs = {}) =>
  token({ error: m.required ?? '请选择月份' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: m.format ?? '月份格式应为 YYYY-MM', abort: true })
    .refine((s) => s >= EARLIEST_MONTH && s <= LATEST_MONTH, { error: `月份应在 ${range}之内`, abort: true });

/** 'YYYY-Qn', 2000-Q1 … 2099-Q4. */
export const quarterValue = (m: Msgs = {}) =>
  token({ error: m.required ?? '请选择季度' })
    .regex(/^\d{4}-Q[1-4]$/, { error: m.format ?? '季度格式应为 YYYY-Qn', abort: true })
    .refine((s) => s.slice(0, 4) >= EARLIEST_DATE.slice(0, 4) && s.slice(0, 4) <= LATEST_DATE.slice(0, 4), { error: `季度应在 ${range}之内`, abort: true });
