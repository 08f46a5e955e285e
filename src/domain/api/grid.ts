import { z } from 'zod';

export const listInput = z.object({}).strict();
export const householdsInput = z.object({ gridId: z.string().min(1).max(64).optional() }).strict();

/** What a grid worker sees of a household in their own grid. */
export interface GridHouseholdView {
  id: string;
  doorNo: string;
  headName: string;
  memberCount: number;
  members: { id: string; name: string; relation: string | null }[];
}

export interface GridSummary {
  id: string;
  name: string;
  householdCount: number;
}

export interface GridApi {
  /** Grids I may open: all of my village's for the village admin, reviewers and supervisors; my own for grid workers. */
  list: { input: Record<string, never>; output: { items: GridSummary[] } };
  /** Households of a grid with members: its grid workers/leaders, and the village admin of its village. */
  households: { input: { gridId?: string }; output: { grid: { id: string; name: string }; items: GridHouseholdView[] } };
}
