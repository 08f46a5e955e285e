import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button as TaroButton, View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { publicityGates } from '@domain/publicity/policy';
import { cstDate, quarterOf } from '@domain/shared/time';
import { previousQuarter } from '@domain/audit/baseScore';
import type { PublicityView } from '@domain/api/publicity';
import type { PublicityLine } from '@domain/publicity/types';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { shareCard } from './shareCard';
import ExportButton from '../../components/export-button';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import Tabs from '../../components/vant/tabs';
import Button from '../../components/vant/button';
import Popup from '../../components/vant/popup';
import Empty from '../../components/vant/empty';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import VillagePicker from '../../components/village-picker';
import { useTownVillages } from '../../hooks/useTownVillages';
import { quarterWords } from '@domain/points/plainWords';
import Lines from './Lines';
import MyUnits from '../unit/MyUnits';
import RedBlack from './RedBlack';
import ObjectionForm from './ObjectionForm';
import MyObjections from './MyObjections';
import { useElderClass } from '../../hooks/useElder';
import './index.scss';

const TABS = ['公示名单', '红黑榜', '我的异议'];

function shareTitle(p: PublicityView): string {
  return shareCard(p).title;
}

/** 分享到微信群: the mini-program's share sheet; in the browser, copy the link. */
function ShareButton({ p }: { p: PublicityView }) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <TaroButton openType="share" className="pub__share">
        分享到微信群
      </TaroButton>
    );
  }
  const copy = () => {
    const base = typeof window !== 'undefined' ? `${window.location.origin}${window.location.pathname}` : '';
    const link = `${base}#${route('publicity', { villageId: p.villageId, quarter: p.quarter })}`;
    void Taro.setClipboardData({ data: `${shareTitle(p)} ${link}` }).then(() => toast('链接已复制，可粘贴到微信群'));
  };
  return (
    <Button block round onClick={copy}>
      分享到微信群
    </Button>
  );
}

/** 村两委: publish the quarter just ended, close after the window, republish after a send-back, export the sheet. */
function AdminBar({ p, onChanged }: { p: PublicityView | null; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const last = previousQuarter(quarterOf(cstDate(Date.now())));
  const run = async (what: 'open' | 'close' | 'reopen', quarter: string) => {
    if (busy) return;
    setBusy(true);
    try {
      {
        let r = await call('publicity', what, { quarter });
        // A large village publishes over several calls (each works a few seconds): go on until done.
        for (let i = 0; what === 'open' && r.status === 'opening' && i < 100; i++) {
          toast(`正在生成公示：已完成 ${r.progress ?? 0} 户`);
          r = await call('publicity', 'open', { quarter });
        }
        toastSuccess(what === 'open' ? '公示已发布' : what === 'close' ? '已结束公示，提交镇复核' : '已重新公示');
        onChanged();
      }
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="pub__actions">
      {!p || p.quarter < last ? (
        <View className="pub__action">
          <Button type="primary" block round loading={busy} onClick={() => void run('open', last)}>
            发布 {last} 季度公示
          </Button>
        </View>
      ) : null}
      {p?.status === 'opening' ? (
        <View className="pub__action">
          <Button type="primary" block round loading={busy} onClick={() => void run('open', p.quarter)}>
            继续生成公示（已完成 {p.progress ?? 0} 户）
          </Button>
        </View>
      ) : null}
      {p?.can.close ? (
        <View className="pub__action">
          <Button type="warning" block round loading={busy} onClick={() => void run('close', p.quarter)}>
            {p.status === 'returned' ? '重新提交镇复核' : '结束公示'}
          </Button>
        </View>
      ) : null}
      {p?.can.reopen ? (
        <View className="pub__action">
          <Button block round loading={busy} onClick={() => void run('reopen', p.quarter)}>
            重新公示（受理更正）
          </Button>
        </View>
      ) : null}
      {p && p.status !== 'opening' ? (
        <View className="pub__action">
          <ExportButton label="导出公示表（Excel）" plain load={() => call('sheets', 'publicity', { quarter: p.quarter })} />
          <ExportButton label="导出公示表（CSV）" plain load={() => call('publicity', 'export', { quarter: p.quarter })} />
        </View>
      ) : null}
    </View>
  );
}

/** 积分公示: the quarter's list for villagers, shared to the WeChat group; 异议 on a line; 红黑榜; my objections. */
export default function PublicityPage() {
  const elder = useElderClass();
  const { params } = useRouter();
  // The town admin picks the village (a link names one); everyone else sees their own.
  const [picked, setPicked] = useState(params.villageId ? decodeURIComponent(params.villageId) : undefined);
  const town = useTownVillages();
  const villageId = picked ?? town.villages[0]?.value;
  const quarter = params.quarter ? decodeURIComponent(params.quarter) : undefined;
  const me = useRemote(() => call('identity', 'whoami', {}));
  const pub = useRemote(() => call('publicity', 'get', { ...(villageId ? { villageId } : {}), ...(quarter ? { quarter } : {}) }), { deps: [villageId], pullDown: true });
  const [tab, setTab] = useState(0);
  const [objectTo, setObjectTo] = useState<PublicityLine | null>(null);
  const [stamp, setStamp] = useState(0);
  useShareAppMessage(() => {
    return shareCard(pub.data);
  });
  const p = pub.data;
  const who = me.data ? { roles: me.data.roles, householdId: me.data.household?.id ?? null } : null;
  const admin = admits(publicityGates.publish, who);
  // The committees, village admin and town admin: those who handle (and export) the quarter's objections.
  const committee = admits(publicityGates.export, who);
  const visible = p && p.status !== 'opening';
  return (
    <View className={`page ${elder}`}>
      <VillagePicker value={villageId} onChange={setPicked} />
      <Status loading={pub.loading && !p} error={pub.error} hasData={pub.data !== null || !pub.loading} onRetry={() => void pub.reload()}>
        {p ? (
          <View className="pub__card">
            <View className="pub__row">
              <View className="pub__title">
                {p.villageName} {quarterWords(p.quarter)}积分公示
              </View>
              <Tag type={p.status === 'open' ? 'success' : p.status === 'returned' ? 'danger' : 'primary'}>{p.statusLabel}</Tag>
            </View>
            <View className="pub__row">
              <View>公示期</View>
              <View>
                {p.startDate} 至 {p.endDate}
              </View>
            </View>
            <View className="pub__row">
              <View>公示户数 / 合计</View>
              <View>
                {p.householdCount} 户{p.unitCount ? ` · ${p.unitCount} 个单位` : ''} / {p.totalPoints} 分
              </View>
            </View>
            {p.openObjections > 0 ? (
              <View className="pub__row">
                <View>待处理异议</View>
                <View>{p.openObjections} 条</View>
              </View>
            ) : null}
            {p.returnReason && p.status === 'returned' ? <View className="pub__hint">镇复核退回：{p.returnReason}</View> : null}
            {p.myLine ? (
              <View className="pub__row">
                <View>本户（{p.myLine.doorNo}）</View>
                <View className="pub__total">
                  月度 {p.myLine.months.join('/')} + 基础 {p.myLine.baseScore}
                  {p.myLine.corrections ? ` + 更正 ${p.myLine.corrections}` : ''} = {p.myLine.total} 分
                </View>
              </View>
            ) : null}
            <View className="pub__hint">名单中姓名已部分隐去，不含身份证号、电话。公示期内如有异议，可点名单中的“异议”提出。</View>
          </View>
        ) : (
          <Empty description="本村还没有发布季度积分公示" />
        )}
        {admin ? <AdminBar p={p} onChanged={() => void pub.reload().then(() => setStamp((n) => n + 1))} /> : null}
        <View className="pub__actions">
          <View className="pub__action">
            <Button block round plain onClick={() => void Taro.navigateTo({ url: route('ranking', villageId ? { villageId } : undefined) })}>
              年度评比（星级文明户）
            </Button>
          </View>
        </View>
        {visible ? (
          <View className="pub__actions">
            <View className="pub__action">
              <ShareButton p={p} />
            </View>
            {committee ? (
              <View className="pub__action">
                <Button block round onClick={() => void Taro.navigateTo({ url: route('objections', { villageId: p.villageId, quarter: p.quarter }) })}>
                  异议处理
                </Button>
              </View>
            ) : null}
          </View>
        ) : null}
        <MyUnits />
        {visible ? (
          <View key={stamp}>
            <Tabs titles={TABS} active={tab} onChange={setTab} />
            {tab === 0 ? <Lines villageId={p.villageId} quarter={p.quarter} canObject={p.can.object} onObject={setObjectTo} /> : null}
            {tab === 1 ? <RedBlack villageId={p.villageId} quarter={p.quarter} /> : null}
            {tab === 2 ? <MyObjections /> : null}
          </View>
        ) : null}
      </Status>
      <Popup show={!!objectTo} position="bottom" round closeable onClose={() => setObjectTo(null)}>
        {objectTo && p ? (
          <ObjectionForm
            quarter={p.quarter}
            line={objectTo}
            onDone={() => {
              setObjectTo(null);
              setTab(2);
              void pub.reload();
            }}
          />
        ) : null}
      </Popup>
    </View>
  );
}
