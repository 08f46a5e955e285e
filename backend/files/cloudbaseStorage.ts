import { FILE_URL_TTL_SECONDS, type FileStore } from './port';
import { sniffImageMime } from './sniff';
import { ownerOfCloudFile } from '@domain/shared/files';
import { randomBytes } from 'node:crypto';

const PATH_PART = /^[A-Za-z0-9_-]{1,64}$/;

/** The owner of `cloud://<env>/exports/<scopeId>/<personId>/<name>`: only the function writes there. */
export function exportOwnerOfCloudFile(fileId: string): { scopeId: string; personId: string } | null {
  const m = /^cloud:\/\/[^/]+\/exports\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_.-]+$/.exec(fileId);
  return m ? { scopeId: m[1], personId: m[2] } : null;
}

/** The slice of the CloudBase app this store needs (so tests never touch the SDK). */
export interface CloudbaseStorageApp {
  uploadFile(p: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(p: { fileID: string }): Promise<{ fileContent?: Uint8Array }>;
  getTempFileURL(p: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; code?: string }[] }>;
  deleteFile(p: { fileList: string[] }): Promise<unknown>;
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
    async putExport(bytes, owner, extension) {
      if (!PATH_PART.test(owner.scopeId) || !PATH_PART.test(owner.personId)) throw new Error('an export needs its place and its requester');
      // The storage's security rule keeps exports/ from clients (README): only this function's temporary URLs read it.
      const cloudPath = `exports/${owner.scopeId}/${owner.personId}/${randomBytes(12).toString('hex')}.${extension}`;
      const { fileID } = await app.uploadFile({ cloudPath, fileContent: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      return fileID;
    },
    async exportOwner(fileId) {
      return exportOwnerOfCloudFile(fileId);
    },
    async deleteExport(fileId) {
      // Only files under exports/: a photo's id never reaches here, but the store makes sure.
      if (!exportOwnerOfCloudFile(fileId)) throw new Error('not a stored export');
      await app.deleteFile({ fileList: [fileId] });
    },
    async url(fileId) {
      // CloudBase's temporary URL is signed by the platform and expires after maxAge seconds.
      const res = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: ttlSeconds }] });
      return res.fileList[0]?.tempFileURL ?? '';
    },
  };
}
