import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { ObjectionView } from '@domain/api/publicity';
import { OBJECTION_ACTION_LABELS } from '@domain/publicity/types';
import { VILLAGER_OBJECTION_ACTION, VILLAGER_OBJECTION_STATUS, quarterWords } from '@domain/points/plainWords';
import Tag from '../../components/vant/tag';
import { PhotoGrid } from '../../components/photos';
import { formatTime } from './time';
import './index.scss';

const TAG: Record<ObjectionView['status'], 'warning' | 'primary' | 'success' | 'default'> = {
  open: 'warning',
  proposed: 'primary',
  upheld: 'success',
  dismissed: 'default',
};

/**
 * One objection: the line, why, photos, the decision and both signatures, and its history.
 * `plain` (the villager's own, 我的异议): quarter, status and history in a villager's words.
 */
export default function ObjectionCard({ o, plain, children }: { o: ObjectionView; plain?: boolean; children?: ReactNode }) {
  return (
    <View className="objection">
      <View className="objection__head">
        <View className="objection__line">
          {plain ? quarterWords(o.quarter) : o.quarter} · {o.lineLabel}
        </View>
        <Tag type={TAG[o.status]}>{plain ? VILLAGER_OBJECTION_STATUS[o.status] : o.statusLabel}</Tag>
      </View>
      <View className="objection__reason">异议：{o.reason}</View>
      <View className="muted">
        提出人：{o.objectorName} · {formatTime(o.createdAt)}
      </View>
      {o.photos.length > 0 ? <PhotoGrid photos={o.photos} /> : null}
      {o.decision ? (
        <View className="objection__decision">
          {o.status === 'proposed' ? (plain ? '处理意见（还要签字确认）：' : '处理意见（待会签）：') : '处理结果：'}
          {o.decision.outcome === 'uphold' ? `异议成立，更正 ${o.decision.points > 0 ? '+' : ''}${o.decision.points} 分` : '异议不成立'}，{o.decision.reason}
        </View>
      ) : null}
      {o.reviewerSignature || o.supervisorSignature ? (
        <View className="muted">
          评议小组签字：{o.reviewerSignature?.name ?? '待签'} · 监督小组签字：{o.supervisorSignature?.name ?? '待签'}
        </View>
      ) : null}
      <View className="objection__history">
        {o.history.map((h, i) => (
          <View key={i} className="muted">
            {formatTime(h.at)} {h.actorName} {(plain ? VILLAGER_OBJECTION_ACTION : OBJECTION_ACTION_LABELS)[h.action]}
            {h.note ? `：${h.note}` : ''}
          </View>
        ))}
      </View>
      {children}
    </View>
  );
}
