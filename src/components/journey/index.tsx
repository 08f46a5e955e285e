import { Text, View } from '@tarojs/components';
import type { JourneyStep } from '@domain/points/journey';
import './index.scss';

/** '2027-01-17' → '1月17日' (with the year when it is not this one). */
function dateWords(date: string, today: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const md = `${m}月${d}日`;
  return date.slice(0, 4) === today.slice(0, 4) ? md : `${y}年${md}`;
}

/** A small timeline of where the points are: done steps green, the current one marked, with its expected date. */
export default function Journey({ steps, today, title = '积分进度' }: { steps: JourneyStep[]; today: string; title?: string }) {
  const now = steps.find((s) => s.state === 'current' || s.state === 'stopped');
  return (
    <View className="card journey">
      <View className="journey__title">{title}</View>
      <View className="journey__line">
        {steps.map((s) => (
          <View key={s.key} className={`journey__step journey__step--${s.state}`} data-step={s.key} data-state={s.state}>
            <View className="journey__dot" />
            <Text className="journey__label">{s.label}</Text>
          </View>
        ))}
      </View>
      {now ? (
        <View className={`journey__now journey__now--${now.state}`}>
          <Text>
            {now.state === 'stopped' ? '' : `现在：${now.label}`}
            {now.note ? `${now.state === 'stopped' ? '' : '，'}${now.note}` : ''}
          </Text>
          {now.expectedBy ? <View className="journey__expected">预计 {dateWords(now.expectedBy, today)} 前完成</View> : null}
        </View>
      ) : (
        <View className="journey__now">积分已可以在积分超市兑换</View>
      )}
    </View>
  );
}
