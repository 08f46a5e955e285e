import { View } from '@tarojs/components';
import { maskName } from '@domain/org/types';
import { VETO_STATUS_LABELS, type Veto } from '@domain/veto/types';
import { formatTime } from '../../utils/format';
import Tag from '../../components/vant/tag';
import type { ReactNode } from 'react';

const TAG: Record<Veto['status'], 'warning' | 'danger' | 'default'> = { recorded: 'warning', effective: 'danger', rejected: 'default' };
const ACTIONS: Record<Veto['history'][number]['action'], string> = { record: '登记', countersign: '会签', reject: '驳回' };

/** A veto as the committees see it (the head's name masked), with its history; `children` adds actions. */
export default function VetoCard({ veto, children }: { veto: Veto; children?: ReactNode }) {
  return (
    <View className="card">
      <View className="card__row">
        <View className="card__title">
          {maskName(veto.householdName)}（{veto.doorNo}）
        </View>
        <Tag type={TAG[veto.status]}>{VETO_STATUS_LABELS[veto.status]}</Tag>
      </View>
      <View className="muted">
        {veto.eventDate} · {veto.item}
      </View>
      <View className="veto__desc">{veto.description}</View>
      {veto.status === 'effective' ? (
        <View className="muted">
          {veto.mode === 'clear_and_bar_year' ? '已清零当前积分，' : '仍可积分，'}暂停兑换至 {veto.barredUntil} 止
        </View>
      ) : null}
      {veto.history.map((h) => (
        <View key={`${h.action}-${h.at}`} className="muted">
          {formatTime(h.at)} {h.actorName} {ACTIONS[h.action]}
          {h.note ? `：${h.note}` : ''}
        </View>
      ))}
      {children}
    </View>
  );
}
