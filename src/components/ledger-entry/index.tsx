import type { FC, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ENTRY_KIND_LABELS, type LedgerEntry } from '@domain/ledger/types';
import { villagerEntry } from '@domain/points/plainWords';
import { formatTime, signedPoints } from '../../utils/format';
import './index.scss';

interface Props {
  entry: LedgerEntry;
  /** Under the line, on the right: e.g. the admin's 冲销 button. */
  extra?: ReactNode;
  /** A villager's page: the line in plain words (no quarter codes, no 待公示余). */
  plain?: boolean;
}

/** One ledger line: what, ±points, when, kind, who, the balance after, and the reason if any. */
const LedgerEntryLine: FC<Props> = ({ entry: e, extra, plain }) => {
  const words = plain ? villagerEntry(e) : null;
  const after = words ? words.after : e.bucket === 'pending' ? `待公示余 ${e.balanceAfter.pending}` : `可兑换余 ${e.balanceAfter.redeemable}`;
  return (
    <View className="entry">
      <View className="card__row">
        <Text className="entry__label">{words ? words.title : e.label}</Text>
        <Text className={e.delta > 0 ? 'points--plus' : 'points--minus'}>{signedPoints(e.delta)}</Text>
      </View>
      <View className="card__row entry__meta">
        <Text className="muted">
          {formatTime(e.at)} · {words ? words.kind : ENTRY_KIND_LABELS[e.kind]} · {e.actorName}
        </Text>
        <Text className="muted">{after}</Text>
      </View>
      {e.reason ? <View className="muted entry__reason">原因：{e.reason}</View> : null}
      {extra ? <View className="entry__extra">{extra}</View> : null}
    </View>
  );
};

export default LedgerEntryLine;
