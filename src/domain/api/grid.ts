import { z } from 'zod';

export const householdsInput = z.object({ gridId: z.string().min(1).max(64).optional() }).strict();

/** What a grid worker sees of a household in their own grid. */
export interface GridHouseholdView {
  id: string;
  doorNo: string;
  headName: string;
  memberCount: number;
  members: { id: string; name: string; relation: string | null }[];
}

export interface GridApi {
  households: { input: { gridId?: string }; output: { grid: { id: string; name: string }; items: GridHouseholdView[] } };
}
