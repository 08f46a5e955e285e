import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { PDF_MIME, type ExportFile } from '@domain/shared/csv';
import type { Poster, PosterColumn } from '@domain/sheets/poster';

/** The CJK font, from the npm package @expo-google-fonts/noto-sans-sc (SIL OFL): PDFs embed the subset they use. */
export const FONT_FILE = 'NotoSansSC_400Regular.ttf';
const FONT_MODULE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/** Beside the bundle in a deployed function (scripts/bundleFunction.ts copies it), else from node_modules. */
export function fontPath(): string {
  const bundled = join(__dirname, FONT_FILE);
  return existsSync(bundled) ? bundled : createRequire(__filename).resolve(FONT_MODULE);
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 36;
const ROW = 24;
const BODY = 13;

/** Renders a 公示栏 sheet: A4, type large enough to read on a wall, header repeated on every page, QR and signature lines at the end. */
export function posterPdf(poster: Poster, filename: string): Promise<ExportFile> {
  const font = fontPath();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font, bufferPages: true, info: { Title: poster.title, Creator: '乡约积分' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const bottom = A4.height - MARGIN - 20;

  /** A table from `y`: its header, then its rows, the header repeated on every new page. */
  const table = (columns: PosterColumn[], rows: string[][], from: number): number => {
    const tableWidth = columns.reduce((s, c) => s + c.width, 0);
    const left = (A4.width - tableWidth) / 2;
    const header = (top: number): number => {
      doc.rect(left, top, tableWidth, ROW).fill('#e8f3ec').fillColor('#000');
      let x = left;
      for (const c of columns) {
        doc.fontSize(BODY).text(c.header, x + 3, top + 5, { width: c.width - 6, align: 'center', lineBreak: false });
        x += c.width;
      }
      return top + ROW;
    };
    let y = header(from);
    rows.forEach((cells, i) => {
      if (y + ROW > bottom) {
        doc.addPage();
        y = header(MARGIN);
      }
      if (i % 2 === 1) doc.rect(left, y, tableWidth, ROW).fill('#f7f8fa').fillColor('#000');
      let x = left;
      columns.forEach((c, j) => {
        doc.fontSize(BODY).text(cells[j] ?? '', x + 4, y + 5, { width: c.width - 8, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
        x += c.width;
      });
      doc.moveTo(left, y + ROW).lineTo(left + tableWidth, y + ROW).lineWidth(0.5).strokeColor('#c8c9cc').stroke();
      y += ROW;
    });
    return y;
  };
  const title = (): number => {
    doc.fontSize(24).text(poster.title, MARGIN, MARGIN, { width: A4.width - 2 * MARGIN, align: 'center' });
    doc.moveDown(0.3).fontSize(BODY).text(poster.subtitle, { width: A4.width - 2 * MARGIN, align: 'center' });
    return doc.y + 10;
  };

  let y = table(poster.columns, poster.rows, title());
  // 单位积分: a table of their own under the households' (its title and first rows kept together).
  if (poster.units) {
    if (y + 16 + 30 + 3 * ROW > bottom) {
      doc.addPage();
      y = MARGIN;
    } else {
      y += 16;
    }
    doc.fontSize(18).fillColor('#000').text(poster.units.title, MARGIN, y);
    y = table(poster.units.columns, poster.units.rows, doc.y + 6);
  }

  // 红榜, notes with the QR code, then the signature lines: together, on a fresh page when they don't fit.
  const needed = 60 + poster.honours.length * 20 + 200;
  if (y + needed > bottom) {
    doc.addPage();
    y = MARGIN;
  } else {
    y += 16;
  }
  if (poster.honours.length) {
    doc.fontSize(18).fillColor('#c0392b').text('红榜', MARGIN, y);
    doc.fillColor('#000').fontSize(BODY + 1);
    for (const h of poster.honours) doc.text(h, MARGIN + 12);
    y = doc.y + 12;
  }
  const qrSize = 110;
  const textWidth = A4.width - 2 * MARGIN - qrSize - 20;
  doc.fontSize(BODY).text(poster.notes.join('\n'), MARGIN, y, { width: textWidth });
  drawQr(doc, poster.qr, A4.width - MARGIN - qrSize, y, qrSize);
  doc.fontSize(10).text(poster.qrCaption, A4.width - MARGIN - qrSize, y + qrSize + 4, { width: qrSize, align: 'center' });
  y = Math.max(doc.y, y + qrSize + 24) + 24;
  for (const s of poster.signatures) {
    doc.fontSize(BODY + 1).text(s, MARGIN, y, { lineBreak: false });
    doc.moveTo(MARGIN + 170, y + 18).lineTo(MARGIN + 360, y + 18).lineWidth(0.8).strokeColor('#000').stroke();
    doc.text('日期：', MARGIN + 380, y, { lineBreak: false });
    doc.moveTo(MARGIN + 420, y + 18).lineTo(A4.width - MARGIN, y + 18).stroke();
    y += 40;
  }

  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin pdfkit would start a new page for the footer: lift the margin while writing it.
    doc.page.margins.bottom = 0;
    doc.fontSize(9).fillColor('#646566').text(`${poster.footer} · 第 ${i + 1} 页，共 ${pages.count} 页`, MARGIN, A4.height - MARGIN - 10, { width: A4.width - 2 * MARGIN, align: 'center', lineBreak: false });
  }
  doc.end();
  return done.then((b) => ({ filename, mime: PDF_MIME, content: b.toString('base64'), encoding: 'base64' as const }));
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const cell = size / (n + 2);
  doc.rect(x, y, size, size).fill('#fff');
  doc.fillColor('#000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell).fill();
  }
}
