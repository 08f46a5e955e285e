import { z } from 'zod';
import { BAD_TEXT_MESSAGE, isCleanText, normaliseLineBreaks } from '../shared/text';

/**
 * The one place action inputs' strings are checked: every string field of every action schema
 * is built from these (a test walks the schemas to hold it so). A NUL, a lone surrogate or a
 * control character is refused with BAD_INPUT and a Chinese message (the runtime turns a zod
 * issue with a Chinese message into BAD_INPUT with that message), before anything is read or
 * written. The character check comes first, so it is the issue reported.
 *
 * - `text`: free text on one line (names, titles, places, door numbers, items): trimmed.
 * - `textLines`: free text that may run over lines (descriptions, reasons, notes): line breaks
 *   as \n, tabs allowed, trimmed.
 * - `token`: ids, codes, dates, file ids — not trimmed (they are matched exactly), same check.
 * - `pasted`: a pasted or uploaded table (CSV, tab-separated, base64): line breaks and tabs
 *   allowed, not trimmed; its cells are checked again once parsed.
 */
type StringParams = Parameters<typeof z.string>[0];
const checked = (multiline: boolean, params?: StringParams) =>
  z.string(params).refine((s) => isCleanText(s, multiline), { error: BAD_TEXT_MESSAGE, abort: true });

export const text = (params?: StringParams) => checked(false, params).trim();
export const textLines = (params?: StringParams) => checked(true, params).overwrite(normaliseLineBreaks).trim();
export const token = (params?: StringParams) => checked(false, params);
export const pasted = (params?: StringParams) => checked(true, params);
