import type { StoredExport } from '@domain/shared/csv';
import { ApiError, call } from './api';

/** What a failed download of a stored export tells the person. */
export const DOWNLOAD_FAILED = '文件下载失败，请检查网络后重新导出';

/**
 * Fetches a stored export with `get` (the platform's download of one URL: what it got, or null
 * when the URL answered no file). A URL that has expired meanwhile is traded once for a fresh
 * one (`sheets.exportFile`, only its maker may); then the person is told to export again.
 */
export async function fetchStoredExport<T>(file: StoredExport, get: (url: string) => Promise<T | null>): Promise<T> {
  const first = await get(file.url);
  if (first !== null) return first;
  const fresh = await call('sheets', 'exportFile', { fileId: file.fileId });
  const second = await get(fresh.url);
  if (second !== null) return second;
  throw new ApiError('NETWORK', DOWNLOAD_FAILED);
}
