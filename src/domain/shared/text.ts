/**
 * What free text may hold. PostgreSQL (and CloudBase's JSON) cannot store a NUL or a lone UTF-16
 * surrogate, and control characters have no place in a name, a reason or a note: such text is
 * refused, never stored. Multi-line text (descriptions, reasons, notes, pasted tables) may hold
 * line breaks and tabs; everything else is one line. Pure: used by the API schemas
 * (src/domain/api/text.ts) and by whatever reads text out of files (the roster import).
 */

/** The Chinese message for text that holds such a character (the field is named by the error's path). */
export const BAD_TEXT_MESSAGE = '内容含有无法识别的字符（如控制字符或乱码），请删除后重新输入';

// C0 controls but \t \n \r, DEL, C1 controls; lone surrogates (a high one not followed by a low one, a low one not preceded by a high one).
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text can be stored as typed: no NUL, no lone surrogate, no control character (multi-line: \n, \r, \t allowed). */
export function isCleanText(s: string, multiline = false): boolean {
  return !(multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(s) && !LONE_SURROGATE.test(s);
}

/** Line breaks as \n (Windows' \r\n and old Mac's \r alike). */
export function normaliseLineBreaks(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}
