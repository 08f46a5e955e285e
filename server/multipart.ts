/**
 * One uploaded file from a multipart/form-data request, parsed by busboy while the body
 * streams in. Every budget is enforced as bytes arrive: the file's size, the whole body's size,
 * the number of parts, fields and header pairs. Nothing beyond the budget is ever buffered.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

export type UploadOutcome =
  | { ok: true; bytes: Buffer }
  /** The file is over `maxFileBytes`. */
  | { ok: false; reason: 'file_too_large' }
  /** The whole body is over `maxBodyBytes` (lots of fields, a huge preamble …). */
  | { ok: false; reason: 'body_too_large' }
  /** Not multipart, a broken body, no file part, too many parts or files. */
  | { ok: false; reason: 'bad'; message: string };

export interface UploadLimits {
  maxFileBytes: number;
  maxBodyBytes: number;
}

/**
 * Reads `req` until one file is complete or a budget is passed. When the outcome is a refusal
 * the rest of the body is left unread (the caller answers and drains it with Connection: close).
 */
export function readOneFile(req: IncomingMessage, limits: UploadLimits): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let total = 0;
    let file: Buffer | null = null;
    let bb: busboy.Busboy;

    const settle = (outcome: UploadOutcome) => {
      if (settled) return;
      settled = true;
      req.off('data', count);
      req.off('error', onReqError);
      req.off('aborted', onReqError);
      req.unpipe(bb);
      req.pause();
      resolve(outcome);
    };
    const count = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limits.maxBodyBytes) settle({ ok: false, reason: 'body_too_large' });
    };
    const onReqError = () => settle({ ok: false, reason: 'bad', message: '照片上传中断，请重试' });

    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: limits.maxFileBytes, files: 1, fields: 8, fieldSize: 4096, fieldNameSize: 100, parts: 9, headerPairs: 16 },
      });
    } catch {
      // Missing or unsupported content type, no boundary.
      resolve({ ok: false, reason: 'bad', message: '没有收到照片，请重新选择照片上传' });
      return;
    }
    // After a refusal busboy is abandoned half-way; nothing it says may throw.
    bb.on('error', () => settle({ ok: false, reason: 'bad', message: '照片上传格式不正确，请重新上传' }));
    bb.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        if (!settled) chunks.push(c);
      });
      stream.on('limit', () => settle({ ok: false, reason: 'file_too_large' }));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (!settled && !(stream as { truncated?: boolean }).truncated) file = Buffer.concat(chunks);
      });
    });
    bb.on('filesLimit', () => settle({ ok: false, reason: 'bad', message: '一次只能上传一张照片' }));
    bb.on('partsLimit', () => settle({ ok: false, reason: 'bad', message: '照片上传格式不正确，请重新上传' }));
    bb.on('fieldsLimit', () => settle({ ok: false, reason: 'bad', message: '照片上传格式不正确，请重新上传' }));
    bb.on('close', () => {
      if (file && file.length > 0) settle({ ok: true, bytes: file });
      else settle({ ok: false, reason: 'bad', message: '没有收到照片，请重新选择照片上传' });
    });

    req.on('data', count);
    req.on('error', onReqError);
    req.on('aborted', onReqError);
    req.pipe(bb);
  });
}
