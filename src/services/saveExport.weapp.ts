import Taro from '@tarojs/taro';
import type { ExportAnswer } from '@domain/shared/csv';
import type { PreparedExport } from './saveExport';
import { fetchStoredExport } from './storedExport';

/** A stored export's temporary URL, downloaded straight to where it will be opened from. */
async function download(url: string, filePath: string): Promise<string | null> {
  try {
    const res = await Taro.downloadFile({ url, filePath });
    return res.statusCode === 200 ? filePath : null;
  } catch {
    return null;
  }
}

export async function prepareExport(file: ExportAnswer): Promise<PreparedExport | null> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
  if (file.encoding === 'base64' || file.encoding === 'file') {
    if (file.encoding === 'file') await fetchStoredExport(file, (url) => download(url, filePath));
    else Taro.getFileSystemManager().writeFileSync(filePath, file.content, 'base64');
    // .xlsx/.pdf open in WeChat's viewer; its menu (showMenu) forwards the file to a chat or saves it.
    await Taro.openDocument({ filePath, fileType: file.mime === 'application/pdf' ? 'pdf' : 'xlsx', showMenu: true });
    return null;
  }
  Taro.getFileSystemManager().writeFileSync(filePath, file.content, 'utf8');
  return { filePath, fileName: file.filename };
}

// Tap-only API: must stay synchronous in the tap (see __tests__/weapp/package.test.ts).
export function sendPreparedExport(prepared: PreparedExport, onFail: (message: string) => void): void {
  Taro.shareFileMessage({
    filePath: prepared.filePath,
    fileName: prepared.fileName,
    fail: (e: { errMsg?: string }) => {
      if (!/cancel/i.test(e?.errMsg ?? '')) onFail('发送失败，请重试');
    },
  });
}

export const saveExport = prepareExport;
