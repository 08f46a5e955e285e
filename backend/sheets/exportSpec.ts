import { csvOf } from '@domain/shared/csv';
import type { Workbook } from '@domain/sheets/workbook';
import { action, type ActionSpec } from '../runtime/handler';

/**
 * An export declared once — who may take it, its input, what it loads, the policy — and what
 * it holds (`book`); each function renders it: CSV where it always was, .xlsx (and PDF) in the
 * `sheets` function, which alone carries the spreadsheet library.
 */
export type ExportSpec<I, L> = Omit<ActionSpec<I, L, Workbook>, 'run'> & { book: ActionSpec<I, L, Workbook>['run'] };

export function exportSpec<I, L = undefined>(spec: ExportSpec<I, L>): ExportSpec<I, L> {
  return spec;
}

/** The export as CSV (the first table; its notes under it). */
export function csvAction<I, L>(spec: ExportSpec<I, L>) {
  const { book, ...rest } = spec;
  return action<I, ReturnType<typeof csvOf>, L>({ ...rest, run: async (input, ctx) => csvOf(await book(input, ctx)) });
}
