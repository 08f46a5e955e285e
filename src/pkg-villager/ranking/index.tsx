import { useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { actorFromWhoAmI } from '@domain/access/actor';
import { rankingGates, rankingSignState, type RankingSignState } from '@domain/ranking/policy';
import { describeHonours, honoursText, NOMINATION_LABELS, type AnnualLine } from '@domain/ranking/annual';
import type { RankingView } from '@domain/api/ranking';
import { cstDate } from '@domain/shared/time';
import { call } from '../../services/api';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { useSave } from '../../hooks/useSave';
import { useTownVillages } from '../../hooks/useTownVillages';
import { useElderClass } from '../../hooks/useElder';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Tag from '../../components/vant/tag';
import Status from '../../components/status';
import VillagePicker from '../../components/village-picker';
import ExportButton from '../../components/export-button';
import { ObjectForm, ObjectionList } from './Objections';
import './index.scss';

function Line({ l }: { l: AnnualLine }) {
  return (
    <View className="rank__row">
      <View>
        第 {l.rank} 名 {l.name}（{l.doorNo}）
        <View className="rank__honour">{honoursText(l)}</View>
      </View>
      <View className="rank__points">{l.points} 分</View>
    </View>
  );
}

/**
 * The committee's signing in plain words (the function's `committee`, from the domain's
 * rankingQuorum): who signs, who stands aside (回避), how many confirm — and, when the committee
 * as it stands cannot confirm, why and what the village does.
 */
function Steps({ r }: { r: RankingView }) {
  const c = r.committee;
  if (!c) return null;
  return (
    <View className="rank__card">
      <View className="rank__title">
        评议小组签字（{r.signatures.length}/{c.needed}）
      </View>
      {c.signers.map((s) => (
        <View key={s.personId} className="rank__row">
          <View>{s.name}</View>
          <View className={s.signed ? 'rank__signed' : 'rank__hint'}>{s.signed ? '已签' : '未签'}</View>
        </View>
      ))}
      {c.recused.map((s) => (
        <View key={s.personId} className="rank__row">
          <View>{s.name}</View>
          <View className="rank__hint">回避</View>
        </View>
      ))}
      {c.reachable ? <View className="rank__hint">{c.text}</View> : <View className="rank__alert">{c.text}</View>}
      <View className="rank__hint">由 {r.drafterName} 起草；评议小组签字确认后（起草人一个人签字不算），村两委公示给全村，公示期满定稿。</View>
    </View>
  );
}

/** Where the sign button would be: why the caller has none (the domain's rankingSignState). */
function SignNote({ state }: { state: RankingSignState }) {
  if (state.kind === 'sign' || state.kind === 'closed') return null;
  return <View className={`rank__actions rank__note rank__note--${state.kind}`}>{state.text}</View>;
}

/** The 公示期 in words: while open, that villagers may object; once final, when it ran. */
function Window({ r }: { r: RankingView }) {
  if (!r.startDate || !r.endDate) return null;
  const when = `${r.startDate} 至 ${r.endDate}`;
  if (r.status === 'publicity') return <View className="rank__window">公示中：{when}。对评比结果有意见，可在公示期内提出异议。</View>;
  return <View className="rank__window">已定稿（公示期 {when}），结果不再变动。</View>;
}

/**
 * 年度评比: at year end the households ranked by the year's points (quarters the town approved);
 * 星级文明户, 文明农家 and 最美家庭 by the village's rules. The village admin drafts, the review
 * committee signs, the admin publishes it like a publicity (公示期: villagers see the list, names
 * partly hidden, and may object; the committee answers), then finalizes it (定稿). What each
 * caller may do is the function's `can`, from the domain policy.
 */
export default function RankingPage() {
  const elder = useElderClass();
  const { params } = useRouter();
  const [picked, setPicked] = useState(params.villageId ? decodeURIComponent(params.villageId) : undefined);
  const town = useTownVillages();
  const villageId = picked ?? town.villages[0]?.value;
  // ?year= from a notice of that year's results; else last year (the one a village ranks after it ends).
  const [year, setYear] = useState(/^20\d\d$/.test(params.year ?? '') ? Number(params.year) : Number(cstDate(Date.now()).slice(0, 4)) - 1);
  const me = useRemote(() => call('identity', 'whoami', {}));
  const got = useRemote(() => call('ranking', 'get', { year, ...(villageId ? { villageId } : {}) }), { deps: [villageId, year], pullDown: true });
  const save = useSave();
  // One requestId per step the caller takes: a retried tap is answered with the first result.
  const requestId = useRef(newRequestId());

  const who = me.data ? { roles: me.data.roles, householdId: me.data.household?.id ?? null } : null;
  const manager = admits(rankingGates.manage, who);
  const r = got.data?.ranking ?? null;
  // The same policy the function signs by: the button, or why there is none.
  const signState: RankingSignState | null = r?.committee && me.data ? rankingSignState(actorFromWhoAmI(me.data), r, r.committee) : null;

  const step = async (what: 'draft' | 'sign' | 'publish' | 'finalize', success: string) => {
    const input = what === 'sign' ? { requestId: requestId.current, year, ...(villageId ? { villageId } : {}) } : { requestId: requestId.current, year };
    const done = await save.run(() => call('ranking', what, input), { success });
    if (done) {
      requestId.current = newRequestId();
      await got.reload();
    }
  };

  const starred = r ? r.lines.filter((l) => l.stars > 0) : [];
  const nominated = (kind: AnnualLine['nomination']) => (r ? r.lines.filter((l) => l.nomination === kind) : []);

  return (
    <View className={`page ${elder}`}>
      <VillagePicker value={villageId} onChange={setPicked} />
      <View className="rank__year">
        <Button size="small" plain onClick={() => setYear((y) => y - 1)}>
          上一年
        </Button>
        <View className="rank__title">{year} 年度评比</View>
        <Button size="small" plain disabled={year >= Number(cstDate(Date.now()).slice(0, 4)) - 1} onClick={() => setYear((y) => y + 1)}>
          下一年
        </Button>
      </View>
      <Status loading={got.loading && !got.data} error={got.error} hasData={!!got.data} onRetry={() => void got.reload()}>
        {r ? (
          <View className="rank__card">
            <View className="rank__row">
              <View className="rank__title">
                {r.villageName} {r.year} 年
              </View>
              <Tag type={r.status === 'published' ? 'success' : r.status === 'draft' ? 'warning' : 'primary'}>{r.statusLabel}</Tag>
            </View>
            <Window r={r} />
            <View className="rank__row">
              <View>计入的季度</View>
              <View>{r.quarters.map((q) => `第${q.slice(6)}季度`).join('、')}</View>
            </View>
            <View className="rank__row">
              <View>参评户数 / 获评户数</View>
              <View>
                {r.householdCount} 户 / {r.lines.length} 户
              </View>
            </View>
            {r.myLine ? (
              <View className="rank__row">
                <View>本户（{r.myLine.doorNo}）</View>
                <View className="rank__honour">{honoursText(r.myLine)}</View>
              </View>
            ) : null}
            <View className="rank__hint">评比标准：{describeHonours(r.policy)}</View>
            <View className="rank__hint">按全年镇里复核通过的季度积分排名；被一票否决的户不参加评选。名单中姓名已部分隐去。</View>
          </View>
        ) : (
          <Empty description={manager ? `${year} 年还没有起草评比` : `${year} 年的评比还没有公示`} />
        )}

        {r && (r.status === 'draft' || r.status === 'confirmed') ? <Steps r={r} /> : null}

        {got.data?.can.draft || r?.can.sign || r?.can.publish || r?.can.finalize ? (
          <View className="rank__actions">
            {got.data?.can.draft ? (
              <Button type="primary" block round loading={save.busy} onClick={() => void step('draft', '评比已算好，请评议小组签字')}>
                {r ? '重新计算（已签的字要重签）' : `起草 ${year} 年评比`}
              </Button>
            ) : null}
            {r?.can.sign ? (
              <Button type="primary" block round loading={save.busy} onClick={() => void step('sign', '已签字')}>
                核对无误，签字确认
              </Button>
            ) : null}
            {r?.can.publish ? (
              <Button type="primary" block round loading={save.busy} onClick={() => void step('publish', '已开始公示')}>
                公示给全村
              </Button>
            ) : null}
            {r?.can.finalize ? (
              <Button type="primary" block round loading={save.busy} onClick={() => void step('finalize', '已定稿')}>
                公示期满，定稿
              </Button>
            ) : null}
          </View>
        ) : null}
        {manager && r?.status === 'published' && r.lines.length > 0 ? (
          <View className="rank__actions">
            <ExportButton label="打印奖状（PDF）" plain load={() => call('sheets', 'rankingCertificates', { year })} />
          </View>
        ) : null}
        {r?.finalizeNote ? <View className="rank__actions rank__note">{r.finalizeNote}</View> : null}
        {signState ? <SignNote state={signState} /> : null}
        {r?.can.object ? <ObjectForm r={r} year={year} villageId={villageId} myHousehold={me.data?.household?.id ?? null} onDone={() => void got.reload()} /> : null}
        {r ? <ObjectionList r={r} year={year} villageId={villageId} committee={!!r.committee} onDone={() => void got.reload()} /> : null}
        {save.error ? <View className="rank__actions rank__hint">{save.error}</View> : null}

        {r ? (
          <View>
            <View className="rank__card">
              <View className="rank__title">{NOMINATION_LABELS.wenming_nongjia}</View>
              {nominated('wenming_nongjia').length === 0 ? <View className="rank__hint">暂无</View> : null}
              {nominated('wenming_nongjia').map((l) => (
                <Line key={l.householdId} l={l} />
              ))}
            </View>
            <View className="rank__card">
              <View className="rank__title">{NOMINATION_LABELS.zuimei_jiating}</View>
              {nominated('zuimei_jiating').length === 0 ? <View className="rank__hint">暂无</View> : null}
              {nominated('zuimei_jiating').map((l) => (
                <Line key={l.householdId} l={l} />
              ))}
            </View>
            <View className="rank__card">
              <View className="rank__title">星级文明户（{starred.length} 户）</View>
              {starred.length === 0 ? <View className="rank__hint">暂无</View> : null}
              {starred.map((l) => (
                <Line key={l.householdId} l={l} />
              ))}
            </View>
            {r.units && r.units.length > 0 ? (
              <View className="rank__card">
                <View className="rank__title">单位积分排名（{r.units.length} 个单位）</View>
                {r.units.map((u) => (
                  <View key={u.unitId} className="rank__row">
                    <View>
                      {u.rank}. {u.name}（{u.kindLabel}）
                    </View>
                    <View>{u.points} 分</View>
                  </View>
                ))}
              </View>
            ) : null}
            {r.black.length > 0 ? (
              <View className="rank__card">
                <View className="rank__title">不参加评选（一票否决）</View>
                {r.black.map((b) => (
                  <View key={b.householdId} className="rank__row">
                    <View>
                      {b.name}（{b.doorNo}）
                    </View>
                    <View className="rank__hint">{b.eventDate}</View>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ) : null}
      </Status>
    </View>
  );
}
