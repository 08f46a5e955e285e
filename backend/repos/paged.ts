import type { Database, LogicCommand, Query } from '../db/types';

const PAGE = 1000;

/**
 * Every document matching `where`, in `_id` order, one page of 1000 per read (an `_id` cursor,
 * not skip): within CloudBase's per-query maximum however large the result.
 */
export async function pagedAll<T extends { _id: string }>(db: Database, coll: string, where: Exclude<Query, LogicCommand>): Promise<T[]> {
  const out: T[] = [];
  for (let after: string | null = null; ; ) {
    const q: Query = after === null ? where : { ...where, _id: db.command.gt(after) };
    const { data }: { data: T[] } = await db.collection<T>(coll).where(q).orderBy('_id', 'asc').limit(PAGE).get();
    out.push(...data);
    if (data.length < PAGE) return out;
    after = data[data.length - 1]._id;
  }
}
