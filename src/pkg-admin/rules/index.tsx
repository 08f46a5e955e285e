import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { catalogueGates } from '@domain/catalogue/policy';
import type { RulesView } from '@domain/api/catalogue';
import { describeVeto, describeYearEnd } from '@domain/catalogue/villageRules';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Cell from '../../components/vant/cell';
import { route } from '../../constants/routes';
import Field from '../../components/vant/field';
import Status from '../../components/status';
import YearEndRuns from './YearEndRuns';
import AnnualBase from './AnnualBase';
import Honours from './Honours';
import './index.scss';

const BASE_MODES = [
  { value: 'quarterly', label: '按季度入户评分' },
  { value: 'annual_base', label: '年度基础分' },
  { value: 'off', label: '不实行' },
];
const VETO_MODES = [
  { value: 'clear_and_bar_year', label: '清零并取消当年兑换' },
  { value: 'bar_months', label: '保留积分，限期不能兑换' },
];
const YEAR_END = [
  { value: 'rollover', label: '滚动结存' },
  { value: 'clear', label: '年底清零' },
];
const UNITS_REDEEM = [
  { value: 'no', label: '只作评比荣誉' },
  { value: 'yes', label: '可在超市兑换' },
];
const VISIBILITY = [
  { value: 'village', label: '全村可见' },
  { value: 'committee', label: '仅评议、监督小组和村两委' },
];

/** The form's text fields; numbers are checked by the server (the page never decides the rule). */
type Form = Record<'auditQuorum' | 'auditCloseByDay' | 'publicityDays' | 'pointsPerScore' | 'gateMin' | 'gateQuarters' | 'annualBase' | 'barMonths', string>;

function formOf(r: RulesView): Form {
  return {
    auditQuorum: String(r.auditQuorum),
    auditCloseByDay: String(r.auditCloseByDay),
    publicityDays: String(r.publicityDays),
    pointsPerScore: String(r.baseScore.pointsPerScore),
    gateMin: String(r.baseScore.gateMin),
    gateQuarters: String(r.baseScore.gateQuarters),
    annualBase: String(r.baseScore.annualBase),
    barMonths: String(r.veto.barMonths),
  };
}

const num = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));

/** 村规设置: the village admin edits the audit, publicity, base-score, veto and year-end rules; the committees read them. */
export default function RulesPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const rules = useRemote(() => call('catalogue', 'getRules', {}));
  const [form, setForm] = useState<Form | null>(null);
  const [baseMode, setBaseMode] = useState<RulesView['baseScore']['mode']>('quarterly');
  const [vetoMode, setVetoMode] = useState<RulesView['veto']['mode']>('clear_and_bar_year');
  const [yearEnd, setYearEnd] = useState<RulesView['yearEnd']>('rollover');
  const [visibility, setVisibility] = useState<RulesView['redBlackVisibility']>('village');
  const [unitsRedeem, setUnitsRedeem] = useState(false);
  const [saving, setSaving] = useState(false);
  const canEdit = !!me.data && admits(catalogueGates.setRules, { roles: me.data.roles, householdId: me.data.household?.id ?? null });

  useEffect(() => {
    const r = rules.data;
    if (!r) return;
    setForm(formOf(r));
    setBaseMode(r.baseScore.mode);
    setVetoMode(r.veto.mode);
    setYearEnd(r.yearEnd);
    setVisibility(r.redBlackVisibility);
    setUnitsRedeem(r.unitsRedeem);
  }, [rules.data]);

  const set = (k: keyof Form) => (v: string) => setForm((f) => (f ? { ...f, [k]: v } : f));

  const save = async () => {
    if (!form || saving) return;
    const values = Object.values(form).map(num);
    if (values.some((n) => Number.isNaN(n))) return toast('请把数字填写完整');
    setSaving(true);
    try {
      await call('catalogue', 'setRules', {
        auditQuorum: num(form.auditQuorum),
        auditCloseByDay: num(form.auditCloseByDay),
        publicityDays: num(form.publicityDays),
        baseScore: { mode: baseMode, pointsPerScore: num(form.pointsPerScore), gateMin: num(form.gateMin), gateQuarters: num(form.gateQuarters), annualBase: num(form.annualBase) },
        veto: { mode: vetoMode, barMonths: num(form.barMonths) },
        yearEnd,
        redBlackVisibility: visibility,
        unitsRedeem,
      });
      toastSuccess('已保存');
      await rules.reload();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const f = form;
  return (
    <View className="page">
      <Status loading={rules.loading} error={rules.error} hasData={!!rules.data} onRetry={() => void rules.reload()}>
        {f ? (
          <View>
            <View className="section-title">一月一审核</View>
            <CellGroup inset>
              <Field label="评议通过人数" type="number" value={f.auditQuorum} placeholder="默认 3（5 人中）" onChange={set('auditQuorum')} />
              <Field label="审核截止日" type="number" value={f.auditCloseByDay} placeholder="次月几号前，默认 10" onChange={set('auditCloseByDay')} />
            </CellGroup>
            <View className="section-title">一季一公示</View>
            <CellGroup inset>
              <Field label="公示天数" type="number" value={f.publicityDays} placeholder="默认 7 天" onChange={set('publicityDays')} />
            </CellGroup>
            <View className="section-title">红黑榜公开范围</View>
            <Segmented options={VISIBILITY} value={visibility} disabled={!canEdit} onChange={(v) => setVisibility(v as RulesView['redBlackVisibility'])} />
            <View className="section-title">基础评分</View>
            <Segmented options={BASE_MODES} value={baseMode} disabled={!canEdit} onChange={(v) => setBaseMode(v as RulesView['baseScore']['mode'])} />
            <CellGroup inset>
              <Field label="折算比例" value={f.pointsPerScore} placeholder="评分 1 分折积分，默认 0.1" onChange={set('pointsPerScore')} />
              <Field label="兑换门槛分" type="number" value={f.gateMin} placeholder="默认 85" onChange={set('gateMin')} />
              <Field label="连续达标季度" type="number" value={f.gateQuarters} placeholder="默认 2" onChange={set('gateQuarters')} />
              <Field label="年度基础分" type="number" value={f.annualBase} placeholder="默认 100" onChange={set('annualBase')} />
            </CellGroup>
            <View className="section-title">一票否决</View>
            <Segmented options={VETO_MODES} value={vetoMode} disabled={!canEdit} onChange={(v) => setVetoMode(v as RulesView['veto']['mode'])} />
            {vetoMode === 'bar_months' ? (
              <CellGroup inset>
                <Field label="暂停兑换月数" type="number" value={f.barMonths} placeholder="1–36" onChange={set('barMonths')} />
              </CellGroup>
            ) : null}
            <View className="rules__hint">{describeVeto({ mode: vetoMode, barMonths: num(f.barMonths) || 0 })}</View>
            <View className="section-title">年底</View>
            <Segmented options={YEAR_END} value={yearEnd} disabled={!canEdit} onChange={(v) => setYearEnd(v as RulesView['yearEnd'])} />
            <View className="rules__hint">{describeYearEnd(yearEnd)}</View>
            <View className="section-title">单位积分</View>
            <Segmented options={UNITS_REDEEM} value={unitsRedeem ? 'yes' : 'no'} disabled={!canEdit} onChange={(v) => setUnitsRedeem(v === 'yes')} />
            <View className="rules__hint">{unitsRedeem ? '单位负责人可出示单位兑换码，在积分超市兑换单位的可兑换积分' : '单位积分只用于公示和年度评比，不在积分超市兑换'}</View>
            <CellGroup inset>
              <Cell title="单位登记" label="本村商铺、协会、合作社、村民小组及其积分" isLink onClick={() => void Taro.navigateTo({ url: route('units') })} />
            </CellGroup>
            {canEdit ? (
              <View className="rules__save">
                <Button type="primary" block round loading={saving} disabled={saving} onClick={() => void save()}>
                  保存村规设置
                </Button>
              </View>
            ) : (
              <View className="rules__hint">只有村两委可以修改</View>
            )}
            {rules.data?.honours ? <Honours honours={rules.data.honours} canEdit={canEdit} onSaved={() => void rules.reload()} /> : null}
            {canEdit && rules.data?.baseScore.mode === 'annual_base' ? <AnnualBase points={rules.data.baseScore.annualBase} /> : null}
            {canEdit ? <YearEndRuns /> : null}
          </View>
        ) : null}
      </Status>
    </View>
  );
}
