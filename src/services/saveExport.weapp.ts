import Taro from '@tarojs/taro';
import type { ExportFile } from '@domain/shared/csv';

export async function saveExport(file: ExportFile): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
  Taro.getFileSystemManager().writeFileSync(filePath, file.content, 'utf8');
  await Taro.shareFileMessage({ filePath, fileName: file.filename });
}
