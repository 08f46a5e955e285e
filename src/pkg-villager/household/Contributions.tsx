import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { cstDate } from '@domain/shared/time';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { signedPoints } from '../../utils/format';
import Segmented from '../../components/segmented';
import Status from '../../components/status';
import Empty from '../../components/vant/empty';

/**
 * 每人挣的积分: each member's part of the household's decided points in a year (points.members).
 * The household is still what is scored and what redeems: this only shows who earned what.
 */
export default function Contributions() {
  // The year in China time (a deed's year is its China date's).
  const thisYear = Number(cstDate(Date.now()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const list = useRemote(() => call('points', 'members', { year }), { deps: [year], onShow: true });
  const rows = list.data?.members ?? [];
  const total = rows.reduce((s, r) => s + r.points, 0);
  return (
    <View>
      <View className="section-title">家里每人挣的积分</View>
      <View className="card">
        <Segmented
          options={[thisYear, thisYear - 1].map((y) => ({ value: String(y), label: y === thisYear ? `今年（${y}）` : `去年（${y}）` }))}
          value={String(year)}
          onChange={(v) => setYear(Number(v))}
        />
      </View>
      <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
        {rows.length === 0 ? (
          <Empty description="这一年还没有评议通过的积分" />
        ) : (
          <View className="card contributions">
            {rows.map((r) => (
              <View key={r.personId ?? 'household'} className="card__row contributions__row">
                <Text>
                  {r.name}
                  {r.relation ? <Text className="muted">（{r.relation}）</Text> : null}
                </Text>
                <Text className={r.points < 0 ? 'points--minus' : 'points--plus'}>
                  {signedPoints(r.points)} 分<Text className="muted"> · {r.approved} 件</Text>
                </Text>
              </View>
            ))}
            <View className="card__row contributions__row">
              <Text>全家合计</Text>
              <Text>{signedPoints(total)} 分</Text>
            </View>
            <View className="muted">积分记在全家名下，兑换也按户。这里只是看看谁做得多。</View>
          </View>
        )}
      </Status>
    </View>
  );
}
