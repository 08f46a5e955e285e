import { inflateRawSync } from 'node:zlib';
import { DomainError, isDomainError } from '@domain/shared/errors';

/**
 * The bounded check of an uploaded .xlsx, before exceljs reads it (backend/sheets/roster.ts).
 * An .xlsx is a zip the uploader wrote; exceljs inflates all of it without limits, so a "zip
 * bomb" (a small upload that inflates to hundreds of MB) is stopped here first:
 * - Limits: entries in the directory, declared bytes per entry, and the bytes each entry really
 *   inflates to, per entry, in all, and by compression ratio once past 1 MB (real spreadsheet
 *   XML stays far below it). The real sizes come from Node's zlib with `maxOutputLength`, so
 *   an entry can never produce more than its limit, whatever its headers claim.
 * - Every directory entry must own its bytes: duplicate names, entries whose data overlaps
 *   another's, data outside the file or zip64 records are refused (the "many entries, one
 *   payload" trick). exceljs (JSZip) reads the same central directory.
 */
export interface XlsxLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
}
export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 1000,
  maxEntryBytes: 16 * 1024 * 1024,
  maxTotalBytes: 24 * 1024 * 1024,
  /** Inflated ÷ compressed, checked once an entry is past `ratioFloorBytes`. */
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export const UNREADABLE = '无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试';
export const unsafe = (message: string, details?: Record<string, unknown>) => new DomainError('XLSX_UNSAFE', message, details);
const TOO_BIG = 'Excel 文件解压后过大（可能是压缩炸弹），未导入。请删去多余的工作表或内容，或另存为 CSV 后重试';
const MALFORMED = 'Excel 文件结构异常（压缩包内有重复或重叠的条目），未导入。请用 Excel 重新另存为 .xlsx 或 CSV 后重试';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  dataAt: number;
}

/** The zip's directory, checked: bounded count, unique names, each entry's bytes its own and inside the file. */
function zipDirectory(buf: Buffer, limits: XlsxLimits): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DomainError('BAD_INPUT', UNREADABLE);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdAt = buf.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) throw unsafe(`Excel 文件里的条目过多（超过 ${limits.maxEntries} 个），未导入`, { entries: count });
  if (cdAt + cdSize > eocd) throw new DomainError('BAD_INPUT', UNREADABLE);
  const entries = new Map<string, ZipEntry>();
  const spans: [number, number][] = [];
  let p = cdAt;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw new DomainError('BAD_INPUT', UNREADABLE);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const declaredSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (p > eocd) throw new DomainError('BAD_INPUT', UNREADABLE);
    // 0xFFFFFFFF: sizes in a zip64 record — never needed for a roster, and a way round the limits.
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) throw unsafe(TOO_BIG);
    if (declaredSize > limits.maxEntryBytes) throw unsafe(TOO_BIG, { entry: name });
    if (local + 30 > cdAt || buf.readUInt32LE(local) !== 0x04034b50) throw new DomainError('BAD_INPUT', UNREADABLE);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataAt + compressedSize > cdAt) throw new DomainError('BAD_INPUT', UNREADABLE);
    if (entries.has(name)) throw unsafe(MALFORMED, { entry: name });
    spans.push([local, dataAt + compressedSize]);
    entries.set(name, { name, method, compressedSize, dataAt });
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) throw unsafe(MALFORMED);
  return entries;
}

/**
 * Inflates every entry once, each within what it may still produce (per entry, for the whole
 * file, and by its compression ratio), and throws the inflated bytes away: what the library
 * inflates next is then known to be small, whatever the headers claimed.
 */
function inflateBounded(buf: Buffer, entries: Map<string, ZipEntry>, limits: XlsxLimits): void {
  let total = 0;
  for (const e of entries.values()) {
    const raw = buf.subarray(e.dataAt, e.dataAt + e.compressedSize);
    // The ratio is a bound on the output too: a 60 KB entry may not inflate past 6 MB.
    const allowed = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total, Math.max(limits.ratioFloorBytes, limits.maxRatio * e.compressedSize));
    let size: number;
    if (e.method === 0) size = raw.length;
    else if (e.method === 8) {
      try {
        // One byte more than allowed: reaching it means the entry is over the limit.
        size = inflateRawSync(raw, { maxOutputLength: allowed + 1 }).length;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw unsafe(TOO_BIG, { entry: e.name });
        throw new DomainError('BAD_INPUT', UNREADABLE);
      }
    } else throw new DomainError('BAD_INPUT', UNREADABLE);
    if (size > allowed) throw unsafe(TOO_BIG, { entry: e.name });
    total += size;
  }
}

/**
 * The bounded check an uploaded .xlsx passes before exceljs opens it (exceljs, through JSZip,
 * inflates every entry without any limit). Throws XLSX_UNSAFE (Chinese message) for a bomb,
 * BAD_INPUT for what is no zip at all.
 */
export function checkZip(buf: Buffer, limits: XlsxLimits = XLSX_LIMITS): void {
  try {
    inflateBounded(buf, zipDirectory(buf, limits), limits);
  } catch (e) {
    if (isDomainError(e)) throw e;
    throw new DomainError('BAD_INPUT', UNREADABLE);
  }
}
