import type { ExportAnswer, ExportFile } from '@domain/shared/csv';

/** The answer carried the file itself (an export under the inline limit): fails the test otherwise. */
export function inline(answer: ExportAnswer): ExportFile {
  if (answer.encoding === 'file') throw new Error(`expected the file in the answer, got a stored file: ${answer.fileId}`);
  return answer;
}
