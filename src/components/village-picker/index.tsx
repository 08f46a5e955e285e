import { View } from '@tarojs/components';
import { useTownVillages } from '../../hooks/useTownVillages';
import Segmented from '../segmented';
import './index.scss';

interface Props {
  /** The village shown; undefined or '': the page's default (the first village, or the whole town when `all` is given). */
  value: string | undefined | null;
  onChange: (villageId: string) => void;
  /** The label of a first choice for the whole town (its value is ''); without it one village is always picked. */
  all?: string;
}

/**
 * 选择村: on a town page, the town admin picks which village it shows. Renders nothing for
 * anyone else (their page shows their own village). Every town page that lists villages uses
 * this one picker (useTownVillages).
 */
export default function VillagePicker({ value, onChange, all }: Props) {
  const { villages } = useTownVillages();
  if (villages.length === 0) return null;
  const options = all ? [{ value: '', label: all }, ...villages] : villages;
  return (
    <View className="village-picker card" data-picker="village">
      <View className="village-picker__title">选择村</View>
      <Segmented options={options} value={value || (all ? '' : villages[0].value)} onChange={onChange} />
    </View>
  );
}
