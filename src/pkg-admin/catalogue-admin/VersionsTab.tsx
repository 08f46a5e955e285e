import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { CATALOGUE_STATUS_LABELS } from '@domain/catalogue/types';
import type { VersionSummary } from '@domain/api/catalogue';
import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import { formatTime } from '../../utils/format';
import Empty from '../../components/vant/empty';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';

const ACTIONS = { create: '创建草稿', save: '保存', submit: '报镇备案', file: '镇备案通过', return: '镇退回' } as const;

export function VersionCard({ v, children }: { v: VersionSummary; children?: ReactNode }) {
  return (
    <View className="card">
      <View className="card__row">
        <View className="card__title">
          {v.villageName} 第 {v.version} 版
        </View>
        <Tag type={v.inForce ? 'success' : v.status === 'returned' ? 'danger' : 'default'}>{v.inForce ? '现行' : CATALOGUE_STATUS_LABELS[v.status]}</Tag>
      </View>
      <View className="muted">
        {v.effectiveFrom} 起执行 · {v.itemCount} 个项目
      </View>
      {v.history.map((h) => (
        <View key={`${h.action}-${h.at}`} className="muted">
          {formatTime(h.at)} {h.actorName} {ACTIONS[h.action]}
          {h.note ? `：${h.note}` : ''}
        </View>
      ))}
      {children}
    </View>
  );
}

/** Every version of the village's catalogue, with its filing history. */
export default function VersionsTab() {
  const list = useRemote(() => call('catalogue', 'versions', {}));
  const items = list.data?.items ?? [];
  return (
    <Status loading={list.loading} error={list.error} hasData={!!list.data} onRetry={() => void list.reload()}>
      {items.length === 0 ? <Empty description="没有目录版本" /> : items.map((v) => <VersionCard key={v._id} v={v} />)}
    </Status>
  );
}
