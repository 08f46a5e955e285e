import { View } from '@tarojs/components';
import { hasRole } from '@domain/org/roles';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import Segmented from '../segmented';

interface Props {
  /** The village shown; undefined: the page's default (the town's first village). */
  value: string | undefined;
  onChange: (villageId: string) => void;
}

/**
 * 选择村: on a town page that shows one village at a time, the town admin picks which. Renders
 * nothing for anyone else (their page shows their own village).
 */
export default function VillagePicker({ value, onChange }: Props) {
  const villages = useRemote(async () => {
    const me = await call('identity', 'whoami', {});
    if (!hasRole(me.roles, 'town_admin')) return [];
    // In id order: the first is the one the town's pages show when none is named.
    const items = [...(await call('org', 'progress', {})).items].sort((a, b) => (a.villageId < b.villageId ? -1 : 1));
    return items.map((v) => ({ value: v.villageId, label: v.name }));
  });
  const options = villages.data ?? [];
  if (options.length === 0) return null;
  return (
    <View className="village-picker">
      <Segmented options={options} value={value ?? options[0].value} onChange={onChange} />
    </View>
  );
}
