/**
 * On the town's approval a household's quarter (month points + base score + corrections, all
 * pending) moves to redeemable. A positive quarter moves at most what is still pending: a veto
 * (一票否决, clearing policy) that emptied the household's pending points after the publicity
 * opened must not be undone by the approval. A negative quarter moves only as much as
 * redeemable can absorb (redeemable never goes below zero); the rest stays pending, to be
 * netted by later quarters.
 */
export function redeemableMove(quarterSum: number, redeemable: number, pending: number): number {
  if (quarterSum >= 0) return Math.min(quarterSum, Math.max(0, pending));
  return -Math.min(-quarterSum, Math.max(0, redeemable)) || 0; // never −0
}
