/**
 * H5 transport: the local server (`npm start`). Identity is the demo openid chosen on the
 * 选择演示身份 page, sent as X-Openid. Never part of the weapp build.
 */
import Taro from '@tarojs/taro';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { ApiError, asApiResult } from './errors';
import { getDemoOpenid } from './demo';
import { compressSteps, PHOTO_TARGET_BYTES } from './compress';
import type { RawResult } from './transport';

function identityHeader(): Record<string, string> {
  const openid = getDemoOpenid();
  return openid ? { 'X-Openid': openid } : {};
}

export async function invoke(fn: string, payload: Record<string, unknown>): Promise<RawResult> {
  let res: Response;
  try {
    res = await fetch(`/api/functions/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...identityHeader() },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new ApiError('NETWORK');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status >= 500 ? 'INTERNAL' : 'NETWORK');
  }
  return asApiResult(body, res.status);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new ApiError('PHOTO_NOT_IMAGE'));
    img.src = url;
  });
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new ApiError('PHOTO_NOT_IMAGE'))), 'image/jpeg', quality);
  });
}

/** Re-encode as JPEG, shrinking dimensions and quality until it fits under `maxBytes`. */
async function shrink(blobUrl: string, maxBytes: number): Promise<Blob> {
  const img = await loadImage(blobUrl);
  for (const { side, quality } of compressSteps(Math.max(img.naturalWidth, img.naturalHeight))) {
    const scale = Math.min(1, side / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) break;
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await toJpeg(canvas, quality);
    if (blob.size <= maxBytes) return blob;
  }
  throw new ApiError('PHOTO_TOO_LARGE');
}

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export async function uploadPhoto(tempFilePath: string): Promise<string> {
  // Weak networks: every photo goes up at ≤ 300 KB (the policy's limit is the server's hard cap).
  const maxBytes = Math.min(PHOTO_TARGET_BYTES, DEFAULT_POLICY.maxPhotoBytes);
  let blob: Blob;
  try {
    blob = await (await fetch(tempFilePath)).blob();
  } catch {
    throw new ApiError('PHOTO_NOT_IMAGE');
  }
  let filePath = tempFilePath;
  let created: string | null = null;
  if (blob.size > maxBytes) {
    blob = await shrink(tempFilePath, maxBytes);
    filePath = created = URL.createObjectURL(blob);
  }
  try {
    const res = await Taro.uploadFile({
      url: '/api/files',
      filePath,
      name: 'file',
      fileName: `photo.${EXT[blob.type] ?? 'jpg'}`,
      header: identityHeader(),
    } as Taro.uploadFile.Option);
    let body: unknown = res.data;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        throw new ApiError(res.statusCode >= 500 ? 'INTERNAL' : 'NETWORK', '照片上传失败，请稍后重试');
      }
    }
    const result = asApiResult(body, res.statusCode);
    if (!result.ok) throw new ApiError(result.code, result.message, result.details);
    const fileId = (result.data as { fileId?: unknown } | null)?.fileId;
    if (typeof fileId !== 'string' || !fileId) throw new ApiError('INTERNAL', '照片上传失败，请稍后重试');
    return fileId;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('NETWORK', '照片上传失败，请检查网络后重试');
  } finally {
    if (created) URL.revokeObjectURL(created);
  }
}
