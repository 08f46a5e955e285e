import { useState, type FC } from 'react';
import { Picker, View } from '@tarojs/components';
import type { BalanceAtView } from '@domain/api/ledger';
import { call } from '../../services/api';
import { showError } from '../../services/feedback';
import { today } from '../../utils/format';
import Cell from '../vant/cell';
import CellGroup from '../vant/cell-group';

/**
 * 某日结余: pick a past date, see the household's figures at the end of that day, replayed from
 * the ledger by the server (a villager checking last quarter's notice against their points).
 */
const BalanceAt: FC<{ householdId?: string }> = ({ householdId }) => {
  const [at, setAt] = useState<BalanceAtView | null>(null);
  const [loading, setLoading] = useState(false);
  const pick = async (date: string) => {
    setLoading(true);
    try {
      setAt(await call('ledger', 'balanceAt', { date, ...(householdId ? { householdId } : {}) }));
    } catch (e) {
      showError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <CellGroup inset>
      <Picker mode="date" value={at?.date ?? today()} end={today()} onChange={(e) => void pick(String(e.detail.value))}>
        <Cell title="某日结余" value={loading ? '查询中…' : (at?.date ?? '选择日期')} isLink />
      </Picker>
      {at ? (
        <View className="balance-at">
          <Cell title="可兑换" value={`${at.figures.redeemable} 分`} />
          <Cell title="待公示" value={`${at.figures.pending} 分`} />
          <Cell title="已兑换" value={`${at.figures.spent} 分`} label={`截至 ${at.date} 24 时，共 ${at.entries} 笔记录`} />
        </View>
      ) : null}
    </CellGroup>
  );
};

export default BalanceAt;
