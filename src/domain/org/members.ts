import type { Person } from './types';

/**
 * A household's members as a list shows them: the head (户主) first, then the others in a stable
 * order. Stated here because the database gives no order among equal sort keys (CloudBase adds no
 * tie-break; neither does the local implementation).
 */
export function membersHeadFirst<P extends Pick<Person, '_id'>>(members: readonly P[], headPersonId: string | null | undefined): P[] {
  return [...members].sort((a, b) => Number(b._id === headPersonId) - Number(a._id === headPersonId) || a._id.localeCompare(b._id));
}
