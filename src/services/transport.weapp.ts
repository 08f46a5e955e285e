/** weapp transport: CloudBase cloud functions; identity is the OPENID the platform adds. */
import { compressSteps, PHOTO_TARGET_BYTES } from './compress';
import Taro from '@tarojs/taro';
import { ApiError, asApiResult } from './errors';
import type { PhotoFolder, RawResult } from './transport';
import { ownedCloudPath } from '@domain/shared/files';

export async function invoke(fn: string, payload: Record<string, unknown>): Promise<RawResult> {
  let res: Taro.cloud.CallFunctionResult;
  try {
    res = await Taro.cloud.callFunction({ name: fn, data: payload });
  } catch {
    throw new ApiError('NETWORK');
  }
  return asApiResult(res.result);
}

let myOpenid: string | null = null;

/** The caller's own OPENID (asked once): photos go under it, the only place the functions accept them from. */
async function uploaderFolder(): Promise<string> {
  if (myOpenid) return myOpenid;
  const r = await invoke('identity', { action: 'whoami' });
  if (!r.ok) throw new ApiError(r.code, r.message);
  myOpenid = (r.data as { openid: string }).openid;
  return myOpenid;
}

async function fileSize(path: string): Promise<number> {
  try {
    return ((await Taro.getFileInfo({ filePath: path })) as { size?: number }).size ?? 0;
  } catch {
    return 0;
  }
}

function randomName(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export async function uploadPhoto(tempFilePath: string, folder: PhotoFolder = 'evidence'): Promise<string> {
  let filePath = tempFilePath;
  try {
    // Weak networks: down to ≤ 300 KB, lowering quality, then size (compressedWidth).
    for (const [i, step] of compressSteps(1600).entries()) {
      // Always once (as before); then again only while still too big (an unknown size counts as fitting).
      if (i > 0 && (await fileSize(filePath)) <= PHOTO_TARGET_BYTES) break;
      filePath = (await Taro.compressImage({ src: tempFilePath, quality: Math.round(step.quality * 100), compressedWidth: step.side } as Taro.compressImage.Option)).tempFilePath;
    }
  } catch {
    // Some formats cannot be compressed; the original goes up and the backend checks its size.
  }
  const openid = await uploaderFolder();
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath: ownedCloudPath(folder, openid, `${randomName()}.jpg`), filePath });
    return res.fileID;
  } catch {
    throw new ApiError('NETWORK', '照片上传失败，请检查网络后重试');
  }
}
