/** A roster spreadsheet the person picked: CSV as text, .xlsx as base64 (read on the server). */
export interface PickedSheet {
  name: string;
  format: 'csv' | 'xlsx';
  content: string;
}

/**
 * Lets the person choose a .csv or .xlsx file: H5 opens the browser's file picker; weapp picks a
 * file from a WeChat chat (chooseMessageFile), where cadres usually have the roster. null = cancelled.
 */
export function pickSheet(): Promise<PickedSheet | null>;
