import Taro from '@tarojs/taro';
import type { ExportFile } from '@domain/shared/csv';
import type { PreparedExport } from './saveExport';

export async function prepareExport(file: ExportFile): Promise<PreparedExport | null> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
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
