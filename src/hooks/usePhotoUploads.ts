import { useRef } from 'react';
import { uploadPhoto } from '../services/api';
import type { PhotoFolder } from '../services/transport';

/**
 * Uploads chosen photos (local paths) and remembers each one's file id, so that a retried
 * save after a network error does not upload the same photo twice.
 */
export function usePhotoUploads(folder?: PhotoFolder): { upload(paths: readonly string[]): Promise<string[]>; forget(): void } {
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
    forget() {
      uploaded.current.clear();
    },
  };
}
