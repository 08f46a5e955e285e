import { useState } from 'react';
import { View } from '@tarojs/components';
import type { PublicityLine } from '@domain/publicity/types';
import { call } from '../../services/api';
import { showError } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';

const PAGE = 50;

/** The published list, 50 lines a page, in grid and door order; names masked by the server. */
export default function Lines(props: { villageId: string; quarter: string; canObject: boolean; onObject: (l: PublicityLine) => void }) {
  const [more, setMore] = useState<PublicityLine[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useRemote(() => call('publicity', 'lines', { villageId: props.villageId, quarter: props.quarter, offset: 0, limit: PAGE }), {
    deps: [props.villageId, props.quarter],
  });
  const items = [...(first.data?.items ?? []), ...more];
  const total = first.data?.total ?? 0;
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await call('publicity', 'lines', { villageId: props.villageId, quarter: props.quarter, offset: items.length, limit: PAGE });
      setMore((m) => [...m, ...page.items]);
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <Status loading={first.loading && !first.data} error={first.error} hasData={!!first.data} onRetry={() => void first.reload()}>
      {items.length === 0 ? <Empty description="名单为空" /> : null}
      {items.map((l, i) => (
        <View key={l.householdId}>
          {/* Units (单位积分) list after the households, in their own section. */}
          {l.subject === 'unit' && items[i - 1]?.subject !== 'unit' ? <View className="section-title">单位积分</View> : null}
        <View className="pub__line">
          <View className="pub__line-main">
            <View>
              {l.name}（{l.doorNo}）
            </View>
            <View className="muted">
              月度 {l.months.join(' / ')}{l.subject === 'unit' ? '' : ` · 基础评分 ${l.baseScore}`}
              {l.corrections ? ` · 异议更正 ${l.corrections > 0 ? '+' : ''}${l.corrections}` : ''}
            </View>
          </View>
          <View className="pub__line-points pub__total">{l.total} 分</View>
          {props.canObject ? (
            <View className="pub__object" onClick={() => props.onObject(l)}>
              异议
            </View>
          ) : null}
        </View>
        </View>
      ))}
      {items.length < total ? (
        <View className="pub__actions">
          <View className="pub__action">
            <Button block round loading={loadingMore} onClick={() => void loadMore()}>
              加载更多（{items.length}/{total}）
            </Button>
          </View>
        </View>
      ) : null}
    </Status>
  );
}
