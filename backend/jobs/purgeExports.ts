import { STORED_EXPORT_KEEP_MS } from '@domain/sheets/limits';
import type { Deps } from '../runtime/deps';
import { storedExportsRepo } from '../repos/storedExports';

/** How many stored exports one run deletes at most (a timer runs again the next day). */
const PER_RUN = 500;

/**
 * Deletes the stored exports made more than STORED_EXPORT_KEEP_MS ago: the file, then its record
 * (a file already gone is no error, so a run cut short is simply finished by the next).
 */
export async function runPurgeExports(deps: Pick<Deps, 'db' | 'files' | 'now'>): Promise<{ deleted: number }> {
  const old = await storedExportsRepo.madeBefore(deps.db, deps.now() - STORED_EXPORT_KEEP_MS, PER_RUN);
  for (const e of old) {
    await deps.files.deleteExport(e.fileId);
    await storedExportsRepo.remove(deps.db, e._id);
  }
  return { deleted: old.length };
}
