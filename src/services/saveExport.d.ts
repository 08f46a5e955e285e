import type { ExportFile } from '@domain/shared/csv';

/**
 * Hands an export (台账 CSV) to the person: H5 downloads it; weapp writes it to the user
 * data folder and opens WeChat's share-file sheet so it can be sent to a computer or group.
 */
export function saveExport(file: ExportFile): Promise<void>;
