import { z } from 'zod';
import type { CatalogueVersion } from '../catalogue/types';

export const currentInput = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' }).optional() })
  .strict();

export interface CatalogueApi {
  /** The catalogue in force for my village today (or on `date`). */
  current: { input: { date?: string }; output: CatalogueVersion };
}
