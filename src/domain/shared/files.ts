/**
 * Where the mini-program puts a photo in CloudBase storage: `<folder>/<OPENID>/<name>`. The
 * functions read the uploader from that path (and accept as evidence only the caller's own), so
 * the client and the backend share this one convention.
 */
export function ownedCloudPath(folder: string, openid: string, name: string): string {
  return `${folder}/${openid}/${name}`;
}

/** The uploader of `cloud://<env>/<folder>/<OPENID>/<name>`; null for any other shape. */
export function ownerOfCloudFile(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/[A-Za-z0-9_-]{1,32}\/([A-Za-z0-9_-]{6,128})\/[^/]+$/.exec(fileId);
  return m ? m[1] : null;
}
