/**
 * On the town's approval a household's quarter (month points + base score + corrections, all
 * pending) moves to redeemable. A negative quarter moves only as much as redeemable can absorb
 * (redeemable never goes below zero); the rest stays pending, to be netted by later quarters.
 */
export function redeemableMove(quarterSum: number, redeemable: number): number {
  if (quarterSum >= 0) return quarterSum;
  return -Math.min(-quarterSum, Math.max(0, redeemable)) || 0; // never −0
}
