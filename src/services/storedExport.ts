import type { StoredExport } from '@domain/shared/csv';
import { ApiError, call } from './api';

/** What a failed download of a stored export tells the person. */
export const DOWNLOAD_FAILED = '文件下载失败，请检查网络后重新导出';

/**
 * Fetches a stored export with `get` (the platform's download of one URL; true when it got the
 * file). A URL that has expired meanwhile is traded once for a fresh one (`sheets.exportFile`,
 * only its maker may); then the person is told to export again.
 */
export async function fetchStoredExport(file: StoredExport, get: (url: string) => Promise<boolean>): Promise<void> {
  if (await get(file.url)) return;
  const fresh = await call('sheets', 'exportFile', { fileId: file.fileId });
  if (await get(fresh.url)) return;
  throw new ApiError('NETWORK', DOWNLOAD_FAILED);
}
