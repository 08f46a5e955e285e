import { FILE_URL_TTL_SECONDS, type FileStore } from './port';
import { sniffImageMime } from './sniff';
import { ownerOfCloudFile } from '@domain/shared/files';

/** The slice of the CloudBase app this store needs (so tests never touch the SDK). */
export interface CloudbaseStorageApp {
  downloadFile(p: { fileID: string }): Promise<{ fileContent?: Uint8Array }>;
  getTempFileURL(p: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; code?: string }[] }>;
}

/** Who uploaded a CloudBase file (src/domain/shared/files.ts: the path the mini-program uploads to). */
export const cloudOwnerOf = ownerOfCloudFile;

/** Production: the mini-program uploads with wx.cloud.uploadFile; functions inspect and sign. */
export function cloudbaseFileStore(app: CloudbaseStorageApp, ttlSeconds = FILE_URL_TTL_SECONDS): FileStore {
  return {
    async put() {
      throw new Error('uploads go straight to CloudBase storage from the mini-program');
    },
    async facts(fileId) {
      if (!fileId.startsWith('cloud://')) return null;
      try {
        const { fileContent } = await app.downloadFile({ fileID: fileId });
        if (!fileContent) return null;
        return { fileId, mime: sniffImageMime(fileContent.subarray(0, 16)), size: fileContent.byteLength, owner: cloudOwnerOf(fileId) };
      } catch {
        return null;
      }
    },
    async url(fileId) {
      // CloudBase's temporary URL is signed by the platform and expires after maxAge seconds.
      const res = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: ttlSeconds }] });
      return res.fileList[0]?.tempFileURL ?? '';
    },
  };
}
