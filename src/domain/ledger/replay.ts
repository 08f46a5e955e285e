import { addToFigures } from './post';
import type { BalanceFigures, LedgerEntry } from './types';

/**
 * The balance of any past instant, from the ledger alone: every entry posted at or before
 * `upTo`, in the household's posting order (seq). Because entries are never edited, replaying
 * up to now gives exactly the stored balance — the tests hold the two to each other.
 */
export function replayFigures(entries: readonly Pick<LedgerEntry, 'seq' | 'at' | 'bucket' | 'delta' | 'kind' | 'reversedKind'>[], upTo: number): BalanceFigures {
  return [...entries]
    .filter((e) => e.at <= upTo)
    .sort((a, b) => a.seq - b.seq)
    .reduce<BalanceFigures>((f, e) => addToFigures(f, e), { pending: 0, redeemable: 0, spent: 0 });
}
