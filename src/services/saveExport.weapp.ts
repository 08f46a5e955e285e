import Taro from '@tarojs/taro';
import type { ExportFile } from '@domain/shared/csv';

export async function saveExport(file: ExportFile): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
  if (file.encoding === 'base64') {
    Taro.getFileSystemManager().writeFileSync(filePath, file.content, 'base64');
    // .xlsx/.pdf open in WeChat's viewer; its menu (showMenu) forwards the file to a chat or saves it.
    await Taro.openDocument({ filePath, fileType: file.mime === 'application/pdf' ? 'pdf' : 'xlsx', showMenu: true });
    return;
  }
  Taro.getFileSystemManager().writeFileSync(filePath, file.content, 'utf8');
  await Taro.shareFileMessage({ filePath, fileName: file.filename });
}
