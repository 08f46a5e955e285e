import Taro from '@tarojs/taro';
import { toast } from './feedback';

/**
 * The one way the app asks for photos: `chooseMedia` (WeChat deprecated `chooseImage`), images
 * only, compressed, from the album or the camera. Resolves to the local temp paths; an empty list
 * when the person cancelled (or picking failed, after telling them).
 */
export async function pickPhotos(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseMedia({
      count: Math.max(1, count),
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    return res.tempFiles.map((f) => f.tempFilePath).slice(0, Math.max(1, count));
  } catch (e) {
    const msg = (e as { errMsg?: string } | null)?.errMsg ?? '';
    if (!/cancel/i.test(msg)) toast('无法选择照片，请重试');
    return [];
  }
}
