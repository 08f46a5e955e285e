import { hasRole } from '@domain/org/roles';
import { call } from '../services/api';
import { useRemote } from './useRemote';

export interface VillageOption {
  value: string;
  label: string;
}

/**
 * The town's villages for a town admin (in id order: the first is the one a town page shows when
 * none is named); an empty list for anyone else, whose pages show their own village.
 */
export function useTownVillages(): { villages: VillageOption[]; loading: boolean } {
  const r = useRemote(async () => {
    const me = await call('identity', 'whoami', {});
    if (!hasRole(me.roles, 'town_admin')) return [];
    const items = [...(await call('org', 'progress', {})).items].sort((a, b) => (a.villageId < b.villageId ? -1 : 1));
    return items.map((v) => ({ value: v.villageId, label: v.name }));
  });
  return { villages: r.data ?? [], loading: r.loading };
}
