import type { ExportFile } from '@domain/shared/csv';

/**
 * Hands an export to the person. H5 downloads it. In WeChat, an .xlsx/.pdf opens in the
 * document viewer (wx.openDocument with its menu: forward to a chat, save); a CSV is written to
 * the user data folder and offered to a chat with WeChat's share-file sheet.
 */
export function saveExport(file: ExportFile): Promise<void>;
