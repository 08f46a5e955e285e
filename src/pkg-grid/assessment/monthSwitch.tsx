import { Text, View } from '@tarojs/components';
import { cstDate, monthOf } from '@domain/shared/time';
import { nextMonth, previousMonth } from '@domain/grid/assessmentScore';

/** Last month in China: what a monthly assessment is usually about. */
export function lastMonth(): string {
  return previousMonth(monthOf(cstDate(Date.now())));
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** ‹ 2026年10月 › — no later than this month. */
export default function MonthSwitch({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  const canNext = month < monthOf(cstDate(Date.now()));
  return (
    <View className="month-switch">
      <Text className="month-switch__arrow" onClick={() => onChange(previousMonth(month))}>
        ‹ 上月
      </Text>
      <Text className="month-switch__label">{monthLabel(month)}</Text>
      <Text className={`month-switch__arrow${canNext ? '' : ' month-switch__arrow--off'}`} onClick={() => canNext && onChange(nextMonth(month))}>
        下月 ›
      </Text>
    </View>
  );
}
