import type { FC, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ENTRY_KIND_LABELS, type LedgerEntry } from '@domain/ledger/types';
import { formatTime, signedPoints } from '../../utils/format';
import './index.scss';

interface Props {
  entry: LedgerEntry;
  /** Under the line, on the right: e.g. the admin's 冲销 button. */
  extra?: ReactNode;
}

/** One ledger line: what, ±points, when, kind, who, the balance after, and the reason if any. */
const LedgerEntryLine: FC<Props> = ({ entry: e, extra }) => {
  const after = e.bucket === 'pending' ? `待公示余 ${e.balanceAfter.pending}` : `可兑换余 ${e.balanceAfter.redeemable}`;
  return (
    <View className="entry">
      <View className="card__row">
        <Text className="entry__label">{e.label}</Text>
        <Text className={e.delta > 0 ? 'points--plus' : 'points--minus'}>{signedPoints(e.delta)}</Text>
      </View>
      <View className="card__row entry__meta">
        <Text className="muted">
          {formatTime(e.at)} · {ENTRY_KIND_LABELS[e.kind]} · {e.actorName}
        </Text>
        <Text className="muted">{after}</Text>
      </View>
      {e.reason ? <View className="muted entry__reason">原因：{e.reason}</View> : null}
      {extra ? <View className="entry__extra">{extra}</View> : null}
    </View>
  );
};

export default LedgerEntryLine;
