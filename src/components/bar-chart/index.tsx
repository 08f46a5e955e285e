import type { FC } from 'react';
import { Text, View } from '@tarojs/components';
import { barPercent } from '@domain/dashboard/view';
import './index.scss';

export interface Bar {
  key: string;
  label: string;
  /** One value, or two side by side (e.g. issued and redeemed). */
  values: { value: number; text: string; tone?: 'main' | 'second' | 'alert' }[];
  note?: string;
}

interface Props {
  title: string;
  bars: readonly Bar[];
  /** Scale: the longest bar's value (default the largest value); 100 for percentages. */
  max?: number;
  /** A vertical marker at this value (e.g. the 30% target), with its words. */
  target?: { value: number; label: string };
  legend?: { tone: 'main' | 'second' | 'alert'; label: string }[];
}

/**
 * A horizontal bar chart drawn with plain views: the same markup in the weapp and H5 builds,
 * no canvas, readable in 大字模式 and by the screen reader (every bar carries its figure as text).
 */
const BarChart: FC<Props> = ({ title, bars, max, target, legend }) => {
  const scale = max ?? Math.max(0, ...bars.flatMap((b) => b.values.map((v) => v.value)));
  return (
    <View className="bar-chart">
      <View className="bar-chart__title">{title}</View>
      {legend ? (
        <View className="bar-chart__legend">
          {legend.map((l) => (
            <View key={l.label} className="bar-chart__legend-item">
              <View className={`bar-chart__swatch bar-chart__fill--${l.tone}`} />
              <Text>{l.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {bars.map((b) => (
        <View key={b.key} className="bar-chart__row">
          <View className="bar-chart__label">{b.label}</View>
          <View className="bar-chart__bars">
            {b.values.map((v, i) => (
              <View key={i} className="bar-chart__track">
                <View className={`bar-chart__fill bar-chart__fill--${v.tone ?? 'main'}`} style={{ width: `${barPercent(v.value, scale)}%` }} />
                {target && scale > 0 ? <View className="bar-chart__target" style={{ left: `${Math.min(100, (target.value * 100) / scale)}%` }} /> : null}
                <Text className="bar-chart__value">{v.text}</Text>
              </View>
            ))}
            {b.note ? <View className="bar-chart__note">{b.note}</View> : null}
          </View>
        </View>
      ))}
      {target ? <View className="bar-chart__target-label muted">竖线：{target.label}</View> : null}
    </View>
  );
};

export default BarChart;
