import type { ExportAnswer } from '@domain/shared/csv';

/** An export written to the phone, ready to be sent to a chat by a second tap (weapp only). */
export interface PreparedExport {
  filePath: string;
  fileName: string;
}

/**
 * Step 1, after any awaiting. H5 downloads the file at once (null). In WeChat an .xlsx/.pdf
 * opens in the document viewer (wx.openDocument with its menu: forward to a chat, save; null);
 * a CSV is written to the user data folder and returned, because WeChat lets
 * `shareFileMessage` run only directly in a tap (step 2, `sendPreparedExport`).
 *
 * Every export page goes through here, whatever the answer carries: the file itself (base64 or
 * CSV text), or — for a file too large for the answer (src/domain/sheets/limits.ts) — a stored
 * file's temporary URL, downloaded first (weapp: Taro.downloadFile into the user data folder;
 * H5: fetch). An expired URL is traded once for a fresh one with `sheets.exportFile`.
 */
export function prepareExport(file: ExportAnswer): Promise<PreparedExport | null>;

/**
 * Step 2, called synchronously inside the tap handler (nothing awaited before it): opens
 * WeChat's send-to-chat sheet for the prepared file.
 */
export function sendPreparedExport(prepared: PreparedExport, onFail: (message: string) => void): void;

/**
 * Hands a document export (.xlsx/.pdf) to the person in one go: downloaded (H5) or opened in
 * WeChat's viewer. A CSV is only prepared here: send it to a chat with `ExportButton`.
 */
export function saveExport(file: ExportAnswer): Promise<PreparedExport | null>;
