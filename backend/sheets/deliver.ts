import type { ExportAnswer, ExportFile, StoredExport } from '@domain/shared/csv';
import { travelsInline } from '@domain/sheets/limits';
import { exportScopeOf } from '@domain/sheets/policy';
import { FILE_URL_TTL_SECONDS } from '../files/port';
import type { ActionContext, ActionDef } from '../runtime/handler';
import { storedExportsRepo } from '../repos/storedExports';

/**
 * The one place that decides how an export reaches the person (README, "How an export reaches
 * the person"): a file up to EXPORT_INLINE_MAX_BYTES travels in the answer as base64, as always;
 * a larger one is written to storage under the requester's place and the requester
 * (`exports/<village or town>/<person>/…`) and the answer carries its file id and a temporary URL.
 */
export async function deliverExport(file: ExportFile, ctx: ActionContext): Promise<ExportAnswer> {
  if (file.encoding !== 'base64') return file;
  const bytes = Buffer.from(file.content, 'base64');
  if (travelsInline(bytes.byteLength)) return file;
  const actor = ctx.actor;
  if (!actor) throw new Error('a stored export needs its requester');
  const fileId = await ctx.deps.files.putExport(bytes, { scopeId: exportScopeOf(actor), personId: actor._id }, file.mime === 'application/pdf' ? 'pdf' : 'xlsx');
  // Recorded, so that the jobs function deletes it a day later (backend/jobs/purgeExports.ts).
  await storedExportsRepo.add(ctx.deps.db, fileId, actor._id, ctx.deps.now());
  const stored: StoredExport = {
    filename: file.filename,
    mime: file.mime,
    encoding: 'file',
    fileId,
    url: await ctx.deps.files.url(fileId),
    expiresInSeconds: FILE_URL_TTL_SECONDS,
    size: bytes.byteLength,
  };
  return stored;
}

/** An export action whose file is delivered by `deliverExport`. */
export function delivered<I>(def: ActionDef<I, ExportFile>): ActionDef<I, ExportAnswer> {
  return { ...def, exec: async (input, ctx) => deliverExport(await def.exec(input, ctx), ctx) };
}
