import PDFDocument from 'pdfkit';
import { PDF_MIME, type ExportFile } from '@domain/shared/csv';
import type { Certificate } from '@domain/ranking/certificate';
import { fontPath } from '../sheets/pdf';

/** A4 landscape. */
const W = 841.89;
const H = 595.28;

/** 奖状: one landscape A4 page per honoured household, a red double frame, the CJK font embedded (subset). */
export function certificatesPdf(certs: readonly Certificate[], title: string, filename: string): Promise<ExportFile> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, font: fontPath(), autoFirstPage: false, info: { Title: title, Creator: '乡约积分' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const c of certs) {
    doc.addPage();
    doc.rect(24, 24, W - 48, H - 48).lineWidth(6).strokeColor('#c0392b').stroke();
    doc.rect(36, 36, W - 72, H - 72).lineWidth(1.5).strokeColor('#c0392b').stroke();
    doc.fillColor('#c0392b').fontSize(48).text('荣 誉 证 书', 0, 80, { width: W, align: 'center', lineBreak: false });
    doc.fillColor('#000').fontSize(24).text(`${c.to}：`, 110, 190, { width: W - 220, lineBreak: false });
    doc.fontSize(20).text(c.body, 150, 250, { width: W - 300 });
    doc.fillColor('#c0392b').fontSize(36);
    let y = 310;
    for (const h of c.honours) {
      doc.text(h, 0, y, { width: W, align: 'center', lineBreak: false });
      y += 52;
    }
    doc.fillColor('#000').fontSize(20).text('特发此证，以资鼓励。', 150, Math.max(y + 10, 420), { width: W - 300, lineBreak: false });
    doc.fontSize(20).text(c.issuer, W - 380, H - 130, { width: 300, align: 'center', lineBreak: false });
    doc.fontSize(18).text(c.date, W - 380, H - 98, { width: 300, align: 'center', lineBreak: false });
  }
  doc.end();
  return done.then((b) => ({ filename, mime: PDF_MIME, content: b.toString('base64'), encoding: 'base64' as const }));
}
