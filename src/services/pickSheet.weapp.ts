import Taro from '@tarojs/taro';
import type { PickedSheet } from './pickSheet';

export async function pickSheet(): Promise<PickedSheet | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx', 'txt'] });
  } catch {
    return null; // cancelled
  }
  const file = picked.tempFiles[0];
  if (!file) return null;
  const xlsx = /\.xlsx$/i.test(file.name);
  const content = Taro.getFileSystemManager().readFileSync(file.path, xlsx ? 'base64' : 'utf8') as string;
  return { name: file.name, format: xlsx ? 'xlsx' : 'csv', content };
}
