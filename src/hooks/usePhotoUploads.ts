import { useRef } from 'react';
import { uploadPhoto } from '../services/api';
import type { PhotoFolder } from '../services/transport';

/**
 * Uploads chosen photos (local paths) and remembers each one's file id, so that a retried
 * save after a network error does not upload the same photo twice.
 */
export function usePhotoUploads(folder?: PhotoFolder): {
  upload(paths: readonly string[]): Promise<string[]>;
  /** Which of these paths are uploaded already, with their file ids. */
  uploadedOf(paths: readonly string[]): Map<string, string>;
  forget(): void;
} {
  const uploaded = useRef(new Map<string, string>());
  return {
    async upload(paths) {
      const ids: string[] = [];
      for (const path of paths) {
        let id = uploaded.current.get(path);
        if (!id) {
          id = await uploadPhoto(path, folder);
          uploaded.current.set(path, id);
        }
        ids.push(id);
      }
      return ids;
    },
    uploadedOf(paths) {
      return new Map(paths.filter((p) => uploaded.current.has(p)).map((p) => [p, uploaded.current.get(p) as string]));
    },
    forget() {
      uploaded.current.clear();
    },
  };
}
