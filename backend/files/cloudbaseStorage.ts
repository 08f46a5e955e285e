import type { FileStore } from './port';
import { sniffImageMime } from './sniff';

/** The slice of the CloudBase app this store needs (so tests never touch the SDK). */
export interface CloudbaseStorageApp {
  downloadFile(p: { fileID: string }): Promise<{ fileContent?: Uint8Array }>;
  getTempFileURL(p: { fileList: string[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; code?: string }[] }>;
}

/** Production: the mini-program uploads with wx.cloud.uploadFile; functions inspect and sign. */
export function cloudbaseFileStore(app: CloudbaseStorageApp): FileStore {
  return {
    async put() {
      throw new Error('uploads go straight to CloudBase storage from the mini-program');
    },
    async facts(fileId) {
      if (!fileId.startsWith('cloud://')) return null;
      try {
        const { fileContent } = await app.downloadFile({ fileID: fileId });
        if (!fileContent) return null;
        return { fileId, mime: sniffImageMime(fileContent.subarray(0, 16)), size: fileContent.byteLength };
      } catch {
        return null;
      }
    },
    async url(fileId) {
      const res = await app.getTempFileURL({ fileList: [fileId] });
      return res.fileList[0]?.tempFileURL ?? '';
    },
  };
}
