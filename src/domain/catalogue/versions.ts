/** Pure look-ups over catalogue versions. */
import type { IsoDate } from '../shared/time';
import { isFiled, type CatalogueCategory, type CatalogueItem, type CatalogueVersion } from './types';

/**
 * The version in force on `date`: the latest filed (备案) version with `effectiveFrom` ≤ date;
 * when two take effect on the same day, the higher `version` wins. Drafts, submitted and
 * returned versions never count. Null when none is in force yet.
 * IsoDate ('YYYY-MM-DD') compares correctly as a string.
 */
export function versionInForce(versions: readonly CatalogueVersion[], date: IsoDate): CatalogueVersion | null {
  let best: CatalogueVersion | null = null;
  for (const v of versions) {
    if (!isFiled(v) || v.effectiveFrom > date) continue;
    if (
      best === null ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    ) {
      best = v;
    }
  }
  return best;
}

/** An item of a version by its code, with the category it sits in. */
export function findItem(
  version: CatalogueVersion,
  code: string,
): { item: CatalogueItem; category: CatalogueCategory } | null {
  for (const category of version.categories) {
    const item = category.items.find((i) => i.code === code);
    if (item) return { item, category };
  }
  return null;
}
