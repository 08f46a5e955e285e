import { deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip: deflated unless `stored`; `declaredSize` is what the headers claim (default: the truth). */
export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  stored?: boolean;
  declaredSize?: number;
  /** Point this directory entry at the local header of an earlier entry (by index) instead of its own data. */
  sameDataAs?: number;
}

/**
 * A zip as an attacker would write it: local headers, central directory, end record. Entries with
 * `sameDataAs` add only a directory record (the overlapping-entries bomb).
 */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: { offset: number; size: number; method: number }[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const nameBuf = Buffer.from(e.name, 'utf8');
    const method = e.stored ? 0 : 8;
    let at: { offset: number; size: number; method: number };
    if (e.sameDataAs !== undefined) at = offsets[e.sameDataAs];
    else {
      const data = e.stored ? e.data : deflateRawSync(e.data, { level: 9 });
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(e.declaredSize ?? e.data.length, 22);
      local.writeUInt16LE(nameBuf.length, 26);
      at = { offset, size: data.length, method };
      locals.push(local, nameBuf, data);
      offset += 30 + nameBuf.length + data.length;
    }
    offsets[i] = at;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(at.method, 10);
    central.writeUInt32LE(at.size, 20);
    central.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(at.offset, 42);
    centrals.push(central, nameBuf);
  });
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The workbook parts that point at xl/worksheets/sheet1.xml. */
export const WORKBOOK_PARTS: ZipEntrySpec[] = [
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook xmlns:r="r"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>') },
  { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
];

/** A worksheet of inline-string rows (row numbers as given). */
export function sheetXml(rows: { r: number; cells: string[] }[]): Buffer {
  const col = (i: number) => String.fromCharCode(65 + i);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = rows
    .map(({ r, cells }) => `<row r="${r}">${cells.map((v, i) => `<c r="${col(i)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`)
    .join('');
  return Buffer.from(`<worksheet><sheetData>${body}</sheetData></worksheet>`, 'utf8');
}
