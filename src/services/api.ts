/**
 * The one typed client for the cloud functions. Inputs and outputs come from the shared
 * contract in @domain/api; the transport (wx.cloud in weapp, the local server in H5) is
 * picked per platform. A refusal becomes an ApiError with the server's Chinese message.
 */
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@domain/api/index';
import { invoke, uploadPhoto as uploadPhotoFile, type PhotoFolder } from './transport';
import { ApiError } from './errors';

export { ApiError, isApiError, messageOf } from './errors';
export type { ApiErrorCode } from './errors';

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const result = await invoke(fn, { action, ...(input as Record<string, unknown>) });
  if (result.ok) return result.data as ActionOutput<F, A>;
  throw new ApiError(result.code, result.message, result.details);
}

/**
 * Upload one chosen photo (a temp file path from pickPhotos); resolves to its file id.
 * weapp: CloudBase storage under `folder`/ (evidence by default); H5: the local server's /api/files.
 */
export function uploadPhoto(tempFilePath: string, folder?: PhotoFolder): Promise<string> {
  return uploadPhotoFile(tempFilePath, folder);
}
