import { inflateRawSync } from 'node:zlib';
import { DomainError, isDomainError } from '@domain/shared/errors';
import type { SheetRows } from '@domain/grid/sheet';
import { MAX_IMPORT_ROWS } from '@domain/grid/importRoster';

/**
 * A tiny .xlsx reader: the first worksheet's cells as text (shared strings, inline strings,
 * numbers as written). An .xlsx is a zip of XML files; Node's zlib inflates the entries, so no
 * spreadsheet library is needed. Formulas give their cached value; styles and dates are ignored
 * (a roster has names, numbers and phone numbers only).
 *
 * The file is the uploader's, so the zip is read defensively (a "zip bomb" must not inflate):
 * - Inflating is Node's own zlib with `maxOutputLength` set to what this entry may still have,
 *   so an entry can never produce more than the limit, whatever its headers claim. We keep to
 *   zlib rather than a zip library: the ones present in node_modules (adm-zip, yauzl 2) are only
 *   transitive dev dependencies of the build tools, adm-zip has no output limits at all and
 *   yauzl is stream-only (this reader is synchronous), while zlib is part of the runtime the
 *   cloud functions already run on, and the few header fields read here are checked below.
 * - Limits: entries in the directory, bytes per entry, bytes in all, and the compression ratio
 *   of an entry once it is past 1 MB (real spreadsheet XML stays far below it).
 * - Every directory entry must own its bytes: duplicate names, entries whose data overlaps
 *   another's, or data outside the file are refused (the "many entries, one payload" trick).
 * - Only the four kinds of entry a roster needs are inflated, and only when asked for.
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

const UNREADABLE = '无法读取该 Excel 文件，请另存为 .xlsx 或 CSV 后重试';
const unsafe = (message: string, details?: Record<string, unknown>) => new DomainError('XLSX_UNSAFE', message, details);
const TOO_BIG = 'Excel 文件解压后过大（可能是压缩炸弹），未导入。请删去多余的工作表或内容，或另存为 CSV 后重试';
const MALFORMED = 'Excel 文件结构异常（压缩包内有重复或重叠的条目），未导入。请用 Excel 重新另存为 .xlsx 或 CSV 后重试';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  dataAt: number;
}

const WANTED = /^xl\/(sharedStrings\.xml|workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/;

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

/** Reads the entries a roster needs, on demand, within the limits (per entry and for the whole file). */
function zipReader(buf: Buffer, entries: Map<string, ZipEntry>, limits: XlsxLimits): (name: string) => Buffer | undefined {
  const read = new Map<string, Buffer>();
  let total = 0;
  return (name) => {
    if (!WANTED.test(name)) return undefined;
    const done = read.get(name);
    if (done) return done;
    const e = entries.get(name);
    if (!e) return undefined;
    const raw = buf.subarray(e.dataAt, e.dataAt + e.compressedSize);
    // The ratio is a bound on the output too: a 60 KB entry may not inflate past 6 MB.
    const allowed = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total, Math.max(limits.ratioFloorBytes, limits.maxRatio * e.compressedSize));
    let out: Buffer;
    if (e.method === 0) out = raw;
    else if (e.method === 8) {
      try {
        // One byte more than allowed: reaching it means the entry is over the limit.
        out = inflateRawSync(raw, { maxOutputLength: allowed + 1 });
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw unsafe(TOO_BIG, { entry: name });
        throw new DomainError('BAD_INPUT', UNREADABLE);
      }
    } else throw new DomainError('BAD_INPUT', UNREADABLE);
    if (out.length > allowed) throw unsafe(TOO_BIG, { entry: name });
    total += out.length;
    read.set(name, out);
    return out;
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (!e.startsWith('#')) return ENTITIES[e];
    const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    // Not a code point (String.fromCodePoint would throw): the replacement character, refused later as text.
    return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

/** All text runs of a fragment (<t>…</t>, rich text included), phonetic hints (<rPh>) left out. */
function texts(xml: string): string {
  return [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)].map((m) => decode(m[1] ?? '')).join('');
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function firstSheetPath(read: (name: string) => Buffer | undefined, names: string[]): string {
  const wb = read('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = read('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(wb)?.[1];
  const target = rid ? new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1] : undefined;
  if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const any = names.filter((k) => WANTED.test(k) && k.startsWith('xl/worksheets/')).sort()[0];
  if (!any) throw new DomainError('BAD_INPUT', 'Excel 文件里没有工作表');
  return any;
}

/** `limits`: the defaults; tests pass smaller ones to reach each limit with a small file. */
export function readXlsx(base64: string, limits: XlsxLimits = XLSX_LIMITS): SheetRows {
  const buf = Buffer.from(base64, 'base64');
  let shared: string[];
  let sheet: string | undefined;
  try {
    const entries = zipDirectory(buf, limits);
    const read = zipReader(buf, entries, limits);
    shared = [...(read('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
    sheet = read(firstSheetPath(read, [...entries.keys()]))?.toString('utf8');
  } catch (e) {
    if (isDomainError(e)) throw e;
    throw new DomainError('BAD_INPUT', UNREADABLE);
  }
  if (sheet === undefined) throw new DomainError('BAD_INPUT', 'Excel 文件里没有工作表');
  return sheetRows(sheet, shared);
}

/** A roster needs a few columns; rows and columns past these are never materialised (a cell at row 10⁹ must not allocate 10⁹ rows). */
export const XLSX_MAX_ROWS = MAX_IMPORT_ROWS + 1000;
const MAX_COLUMNS = 64;

function sheetRows(sheet: string, shared: string[]): SheetRows {
  const rows: SheetRows = [];
  for (const rm of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/g)) {
    const rowNo = Number(/\br="(\d+)"/.exec(rm[1] ?? rm[3] ?? '')?.[1] ?? rows.length + 1);
    if (rowNo > XLSX_MAX_ROWS || rows.length >= XLSX_MAX_ROWS) throw unsafe(`表格行数过多（超过 ${XLSX_MAX_ROWS} 行），请分批导入`);
    while (rows.length < rowNo - 1) rows.push([]);
    const row: string[] = [];
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1];
      const ref = /\br="([A-Z]+\d*)"/.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const body = cm[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const value = type === 's' ? shared[Number(v)] ?? '' : type === 'inlineStr' ? texts(body) : v !== undefined ? decode(v) : '';
      const col = ref ? columnIndex(ref) : row.length;
      if (col >= MAX_COLUMNS) continue;
      while (row.length < col) row.push('');
      row[col] = value;
    }
    rows.push(row);
  }
  return rows;
}
