/**
 * Ids of everything publicity writes, derived from what it is: a re-run (a retry, a crash and
 * resume) names the same documents and ledger entries, so it writes nothing twice.
 */
export function publicityIdOf(villageId: string, quarter: string): string {
  return `${villageId}_${quarter}`;
}

export function chunkIdOf(publicityId: string, chunk: number): string {
  return `${publicityId}_${String(chunk).padStart(4, '0')}`;
}

/** The base-score points of a household's quarter, posted pending when the quarter is published. */
export function baseScoreEntryId(villageId: string, quarter: string, householdId: string): string {
  return `bs-${villageId}-${quarter}-${householdId}`;
}

/** The two halves of the move pending → redeemable on the town's approval. */
export function publicityMoveIds(villageId: string, quarter: string, householdId: string): { pending: string; redeemable: string } {
  const base = `pub-${villageId}-${quarter}-${householdId}`;
  return { pending: `${base}-p`, redeemable: `${base}-r` };
}

/** The correction of an upheld objection: one per objection. */
export function objectionEntryId(objectionId: string): string {
  return `objc-${objectionId}`;
}

/** The monthly audit's entry for a household's month (posted by the audit; read here by period). */
export function auditEntryId(villageId: string, month: string, householdId: string): string {
  return `aud-${villageId}-${month}-${householdId}`;
}
