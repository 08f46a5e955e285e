import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { RedemptionDayPolicy, MarketDays } from '@domain/shop/redemptionDay';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { today } from '../../utils/format';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Status from '../../components/status';

type Mode = RedemptionDayPolicy['mode'];
const MODES: { value: Mode; label: string }[] = [
  { value: 'any_day', label: '每天' },
  { value: 'last_market_day', label: '每月最后一个赶场天' },
  { value: 'every_n_months', label: '每 N 个月' },
];
const MARKET_KINDS = [
  { value: 'pattern', label: '按规律（如逢三六九）' },
  { value: 'dates', label: '指定日期' },
];

/** Dates typed one per line or separated by commas/spaces. */
function parseDates(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** 兑换日: how often the shop redeems, edited as a form; the server's own description is shown. */
export default function PolicyTab() {
  const policy = useRemote(() => call('shop', 'getPolicy', {}));
  const [mode, setMode] = useState<Mode>('last_market_day');
  const [marketKind, setMarketKind] = useState<'pattern' | 'dates'>('pattern');
  const [pattern, setPattern] = useState('逢三六九');
  const [dates, setDates] = useState('');
  const [everyMonths, setEveryMonths] = useState('3');
  const [anchorMonth, setAnchorMonth] = useState(today().slice(0, 7));
  const [saving, setSaving] = useState(false);

  // Fill the form from what is in force.
  useEffect(() => {
    const p = policy.data?.redemptionDay;
    if (!p) return;
    setMode(p.mode);
    if (p.mode === 'any_day') return;
    if ('pattern' in p.market) {
      setMarketKind('pattern');
      setPattern(p.market.pattern);
    } else {
      setMarketKind('dates');
      setDates(p.market.dates.join('\n'));
    }
    if (p.mode === 'every_n_months') {
      setEveryMonths(String(p.everyMonths));
      setAnchorMonth(p.anchorMonth);
    }
  }, [policy.data]);

  const save = async () => {
    if (saving) return;
    let redemptionDay: RedemptionDayPolicy;
    if (mode === 'any_day') {
      redemptionDay = { mode };
    } else {
      let market: MarketDays;
      if (marketKind === 'pattern') {
        if (!/^逢[一二三四五六七八九十]+$/.test(pattern.trim())) return toast('赶场日格式应如“逢三六九”');
        market = { pattern: pattern.trim() };
      } else {
        const list = parseDates(dates);
        if (list.length === 0) return toast('请至少填写一个赶场日期');
        if (!list.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))) return toast('日期格式应为 YYYY-MM-DD');
        market = { dates: list };
      }
      if (mode === 'last_market_day') {
        redemptionDay = { mode, market };
      } else {
        const n = Number(everyMonths.trim());
        if (!/^\d+$/.test(everyMonths.trim()) || n < 1 || n > 12) return toast('间隔月数应为 1–12');
        if (!/^\d{4}-\d{2}$/.test(anchorMonth.trim())) return toast('起始月份格式应为 YYYY-MM');
        redemptionDay = { mode, market, everyMonths: n, anchorMonth: anchorMonth.trim() };
      }
    }
    setSaving(true);
    try {
      await call('shop', 'setPolicy', { redemptionDay });
      toastSuccess('已保存');
      await policy.reload();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Status loading={policy.loading} error={policy.error} hasData={!!policy.data} onRetry={() => void policy.reload()}>
      {policy.data ? (
        <View>
          <View className="card">
            <View className="card__title">现行规则</View>
            <View className="admin__policy">{policy.data.description}</View>
            <View className="muted">兑换码有效期 {policy.data.codeTtlSeconds} 秒</View>
          </View>
          <View className="section-title">兑换日</View>
          <Segmented options={MODES} value={mode} onChange={(v) => setMode(v as Mode)} />
          {mode !== 'any_day' ? (
            <View>
              <View className="section-title">赶场日</View>
              <Segmented options={MARKET_KINDS} value={marketKind} onChange={(v) => setMarketKind(v as 'pattern' | 'dates')} />
              <CellGroup inset>
                {marketKind === 'pattern' ? (
                  <Field label="赶场规律" value={pattern} placeholder="逢三六九（日期尾数 3、6、9）" maxlength={12} onChange={setPattern} />
                ) : (
                  <Field label="赶场日期" type="textarea" value={dates} placeholder={'每行一个，如\n2026-11-28'} autosize onChange={setDates} />
                )}
                {mode === 'every_n_months' ? (
                  <>
                    <Field label="间隔月数" type="number" value={everyMonths} placeholder="1–12" onChange={setEveryMonths} />
                    <Field label="起始月份" value={anchorMonth} placeholder="YYYY-MM" maxlength={7} onChange={setAnchorMonth} />
                  </>
                ) : null}
              </CellGroup>
            </View>
          ) : null}
          <View className="actions">
            <Button type="primary" block round loading={saving} disabled={saving} onClick={() => void save()}>
              保存兑换日规则
            </Button>
          </View>
        </View>
      ) : null}
    </Status>
  );
}
