import type { ExportFile } from '@domain/shared/csv';

/** An export written to the phone, ready to be sent to a chat by a second tap (weapp only). */
export interface PreparedExport {
  filePath: string;
  fileName: string;
}

/**
 * Step 1, after any awaiting: H5 downloads the file at once (null); weapp writes it to the user
 * data folder and returns it, because WeChat lets `shareFileMessage` run only directly in a tap.
 */
export function prepareExport(file: ExportFile): Promise<PreparedExport | null>;

/**
 * Step 2, called synchronously inside the tap handler (nothing awaited before it): opens
 * WeChat's send-to-chat sheet for the prepared file.
 */
export function sendPreparedExport(prepared: PreparedExport, onFail: (message: string) => void): void;
