import type { Balance, LedgerEntry } from '@domain/ledger/types';
import { mapLimit, type Transaction } from '../db/types';
import { C } from '../repos/collections';

/**
 * A batch's balances and whether each of its entries is posted already, in one round trip: the
 * reads start together (one statement on PostgreSQL; at most `parallel` requests at once on
 * CloudBase) and the batch's writes then go out together when the transaction ends.
 */
export async function readBatch(
  tx: Transaction,
  householdIds: readonly string[],
  entryIds: readonly string[],
  parallel: number,
): Promise<{ balances: (Balance | null)[]; posted: boolean[] }> {
  const reads = await mapLimit(
    [
      ...householdIds.map((id) => () => tx.collection<Balance>(C.balances).doc(id).get()),
      ...entryIds.map((id) => () => tx.collection<LedgerEntry>(C.ledgerEntries).doc(id).get()),
    ] as (() => Promise<{ data: unknown }>)[],
    parallel,
    (read) => read(),
  );
  return {
    balances: reads.slice(0, householdIds.length).map((r) => (r.data as Balance | null) ?? null),
    posted: reads.slice(householdIds.length).map((r) => !!r.data),
  };
}
