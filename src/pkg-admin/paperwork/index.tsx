import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Picker, View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { holdsAny } from '@domain/access/actor';
import { sheetsGates } from '@domain/sheets/policy';
import { shopGates } from '@domain/shop/policy';
import { LEDGER_OVERSIGHT } from '@domain/ledger/policy';
import { PERIOD_SPAN_LABELS, periodContaining, periodOf, type PeriodSpan } from '@domain/sheets/period';
import type { ExportAnswer } from '@domain/shared/csv';
import { call } from '../../services/api';
import { saveExport } from '../../services/saveExport';
import { useRemote } from '../../hooks/useRemote';
import { useTownVillages } from '../../hooks/useTownVillages';
import { useSave } from '../../hooks/useSave';
import { monthOf } from '@domain/shared/time';
import { today } from '../../utils/format';
import { queryParam } from '../../utils/params';
import Segmented from '../../components/segmented';
import VillagePicker from '../../components/village-picker';
import Status from '../../components/status';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import './index.scss';

const SPANS = (['year', 'quarter', 'month'] as const).map((value) => ({ value, label: PERIOD_SPAN_LABELS[value] }));

/**
 * 台账导出: the paperwork a village office files — the 积分台账 of a month, quarter or year and
 * the households' 积分手册 — as Excel files that open in WeChat (to forward to the office PC)
 * or download in a browser. Each button shows only for whom the function admits it.
 */
export default function PaperworkPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const [span, setSpan] = useState<PeriodSpan>('year');
  // ?month=YYYY-MM opens the page on that month (e.g. from a quarter's publicity).
  const asked = queryParam(useRouter().params, 'month');
  const [month, setMonth] = useState(/^\d{4}-(0[1-9]|1[0-2])$/.test(asked) && asked <= monthOf(today()) ? asked : monthOf(today()));
  const [villageId, setVillageId] = useState<string | null>(null);
  const save = useSave();
  const m = me.data;
  const isTown = !!m && holdsAny(m, ['town_admin']);
  const { villages } = useTownVillages();
  const period = periodContaining(span, month);

  const take = (fetch: () => Promise<ExportAnswer>) => void save.run(async () => saveExport(await fetch()), { success: '已生成' });
  const village = isTown ? (villageId ?? villages[0]?.value ?? null) : (m?.village?.id ?? null);
  const oversees = !!m && (isTown || holdsAny(m, LEDGER_OVERSIGHT));
  const subject = m ? { roles: m.roles, householdId: m.household?.id ?? null } : null;

  return (
    <View className="page paperwork">
      <Status loading={me.loading} error={me.error} hasData={!!m} onRetry={() => void me.reload()}>
        {m ? (
          <View>
            <View className="section-title">期间</View>
            <View className="card">
              <Segmented options={SPANS} value={span} onChange={(v) => setSpan(v as PeriodSpan)} />
              <Picker mode="date" fields="month" value={month} end={monthOf(today())} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
                <View className="paperwork__period">
                  {periodOf(period).label}
                  <View className="muted">点此更换</View>
                </View>
              </Picker>
            </View>

            <VillagePicker value={village} onChange={setVillageId} />

            {subject && admits(sheetsGates.pointsLedger, subject) && village ? (
              <>
                <View className="section-title">积分台账</View>
                <CellGroup inset>
                  <Cell title="积分台账（Excel）" label="每户本期评议积分（按类别）、其他入账、当前积分，附入账明细" />
                </CellGroup>
                <View className="actions">
                  <Button type="primary" round block loading={save.busy} disabled={save.busy} onClick={() => take(() => call('sheets', 'pointsLedger', { villageId: village, period }))}>
                    导出积分台账
                  </Button>
                </View>
              </>
            ) : null}

            {subject && admits(shopGates.exportReceipts, subject) && village ? (
              <>
                <View className="section-title">兑换记录</View>
                <CellGroup inset>
                  <Cell title="兑换记录台账（Excel）" label="本期每张小票：时间、户、商品、积分、退货，合计；另附各商品兑出数量" />
                </CellGroup>
                <View className="actions">
                  <Button type="primary" round block plain disabled={save.busy} onClick={() => take(() => call('sheets', 'receipts', { villageId: village, period }))}>
                    导出兑换记录
                  </Button>
                </View>
              </>
            ) : null}

            {oversees && village ? (
              <>
                <View className="section-title">公示栏（PDF）</View>
                <CellGroup inset>
                  <Cell title={`${periodContaining('quarter', month)} 积分公示`} label="A4 大字，可打印张贴：各户积分、红榜、公示期、异议方式（二维码）、两个小组签字栏" />
                </CellGroup>
                <View className="actions">
                  <Button type="primary" round block plain disabled={save.busy} onClick={() => take(() => call('sheets', 'publicityPoster', { villageId: village, quarter: periodContaining('quarter', month) }))}>
                    生成公示栏 PDF
                  </Button>
                </View>
              </>
            ) : null}

            <View className="section-title">积分手册（{period.slice(0, 4)}年）</View>
            <CellGroup inset>
              <Cell title="积分手册（Excel）" label="每户一页：全年申报与评议、基础评分、兑换、其他入账" />
            </CellGroup>
            <View className="actions paperwork__buttons">
              {m.household ? (
                <Button round plain type="primary" disabled={save.busy} onClick={() => take(() => call('sheets', 'handbook', { year: Number(period.slice(0, 4)) }))}>
                  我家的积分手册
                </Button>
              ) : null}
              {m.grids.map((g) => (
                <Button key={g.id} round plain type="primary" disabled={save.busy} onClick={() => take(() => call('sheets', 'handbook', { year: Number(period.slice(0, 4)), of: 'grid', id: g.id }))}>
                  {g.name} 全部住户
                </Button>
              ))}
              {oversees && village ? (
                <Button round plain type="primary" disabled={save.busy} onClick={() => take(() => call('sheets', 'handbook', { year: Number(period.slice(0, 4)), of: 'village', id: village }))}>
                  全村住户
                </Button>
              ) : null}
            </View>
            <View className="muted paperwork__note">在微信中导出后会打开文件，可点右上角转发到聊天或保存到电脑。</View>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
