import { View } from '@tarojs/components';
import type { RankLine } from '@domain/publicity/types';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { quarterWords } from '@domain/points/plainWords';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';

function Ranks({ title, lines }: { title: string; lines: RankLine[] }) {
  return (
    <View className="pub__card">
      <View className="pub__title">{title}</View>
      {lines.length === 0 ? <View className="muted">暂无</View> : null}
      {lines.map((r) => (
        <View key={r.householdId} className="pub__row">
          <View>
            <View className="pub__rank">{r.rank}</View>
            {r.name}（{r.doorNo}）
          </View>
          <View className="pub__total">{r.points} 分</View>
        </View>
      ))}
    </View>
  );
}

/** 红黑榜: read as one stored document; who sees it follows the village's policy. */
export default function RedBlack({ villageId, quarter }: { villageId: string; quarter: string }) {
  const rb = useRemote(() => call('publicity', 'redBlack', { villageId, quarter }), { deps: [villageId, quarter] });
  const d = rb.data;
  // 一票否决 of the year (else of the quarter); households without an approved application (where the village's rules list them) apart.
  const vetoed = d ? (d.yearBlack.length > 0 ? d.yearBlack : d.quarterBlack).filter((b) => b.reason !== 'no_application') : [];
  const idle = d ? d.quarterBlack.filter((b) => b.reason === 'no_application') : [];
  return (
    <Status loading={rb.loading && !d} error={rb.error} hasData={!!d} onRetry={() => void rb.reload()}>
      {d && !d.visible ? <Empty description="本村红黑榜仅对评议、监督小组和村两委公开" /> : null}
      {d && d.visible ? (
        <View>
          <Ranks title={`红榜 · ${quarterWords(d.quarter)}前十`} lines={d.quarterTop} />
          <Ranks title={`红榜 · ${d.quarter.slice(0, 4)}年全年前十（镇里复核过的季度合计）`} lines={d.yearTop} />
          <View className="pub__card">
            <View className="pub__title">黑榜 · 一票否决</View>
            {vetoed.length === 0 ? <View className="muted">暂无</View> : null}
            {vetoed.map((b) => (
              <View key={b.householdId} className="pub__row">
                <View>
                  {b.name}（{b.doorNo}）
                </View>
                <View className="muted">
                  {b.eventDate} {b.item}
                </View>
              </View>
            ))}
          </View>
          {idle.length > 0 ? (
            <View className="pub__card">
              <View className="pub__title">黑榜 · {quarterWords(d.quarter)}没有通过的申报</View>
              {idle.map((b) => (
                <View key={b.householdId} className="pub__row">
                  <View>
                    {b.name}（{b.doorNo}）
                  </View>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </Status>
  );
}
