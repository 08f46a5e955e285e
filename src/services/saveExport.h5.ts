import type { ExportAnswer } from '@domain/shared/csv';
import type { PreparedExport } from './saveExport';
import { fetchStoredExport } from './storedExport';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** The bytes of a stored export (its signed URL, same origin locally), typed as what it is. */
function storedBlob(file: Extract<ExportAnswer, { encoding: 'file' }>): Promise<Blob> {
  return fetchStoredExport(file, async (url) => {
    try {
      const res = await fetch(url);
      return res.ok ? new Blob([await res.arrayBuffer()], { type: file.mime }) : null;
    } catch {
      return null;
    }
  });
}

export async function prepareExport(file: ExportAnswer): Promise<PreparedExport | null> {
  const blob =
    file.encoding === 'file'
      ? await storedBlob(file)
      : file.encoding === 'base64'
        ? new Blob([bytesOf(file.content)], { type: file.mime })
        : new Blob([file.content], { type: `${file.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

export function sendPreparedExport(_prepared: PreparedExport, _onFail: (message: string) => void): void {
  // The browser has downloaded the file already.
}

export const saveExport = prepareExport;
