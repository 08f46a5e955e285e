/**
 * What free text may hold. PostgreSQL (and CloudBase's JSON) cannot store a NUL or a lone UTF-16
 * surrogate, and control characters have no place in a name, a reason or a note: such text is
 * refused, never stored. Multi-line text (descriptions, reasons, notes, pasted tables) may hold
 * line breaks and tabs; everything else is one line. Pure: used by the API schemas
 * (src/domain/api/text.ts) and by whatever reads text out of files (the roster import).
 */

/** The Chinese message for text that holds such a character (the field is named by the error's path). */
export const BAD_TEXT_MESSAGE = '内容含有无法识别的字符（如控制字符或乱码），请删除后重新输入';

// C0 controls but \t \n \r, DEL, C1 controls.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * A high surrogate not followed by a low one, or a low one not preceded by a high one. A loop,
 * not a regex: the lookbehind it would need is missing from older mini-program JS engines, and
 * this module is in the client bundle too.
 */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return true;
  }
  return false;
}

/** True when the text can be stored as typed: no NUL, no lone surrogate, no control character (multi-line: \n, \r, \t allowed). */
export function isCleanText(s: string, multiline = false): boolean {
  return !(multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(s) && !hasLoneSurrogate(s);
}

/** Line breaks as \n (Windows' \r\n and old Mac's \r alike). */
export function normaliseLineBreaks(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}
