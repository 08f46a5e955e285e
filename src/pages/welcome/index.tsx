/**
 * 欢迎 / 绑定: the first page of a WeChat user not yet bound to a person. Opened from a household
 * card's QR (?card=), an admin's claim code (?claim=), or by 首页 when whoami answers
 * NOT_REGISTERED. Card → pick own name → (last 4 phone digits) → bound; not on the list → ask to
 * join and wait for the head or the grid worker; an admin code → the admin's role.
 */
import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CLAIM_CODE_LENGTH, HOUSEHOLD_CODE_LENGTH, normalizeCode } from '@domain/onboarding/codes';
import type { HouseholdLookup, MyStatus } from '@domain/api/org';
import { call } from '../../services/api';
import { toast, toastSuccess } from '../../services/feedback';
import { isDemo, needsDemoIdentity } from '../../services/session';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { useSave, type Save } from '../../hooks/useSave';
import { appPageUrl, route } from '../../constants/routes';
import { queryParam } from '../../utils/params';
import { bindCodeOf, typedCode } from '../../utils/bindCodes';
import { formatTime } from '../../utils/format';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Status from '../../components/status';
import '../../styles/onboarding.scss';
import './index.scss';

type Step = 'start' | 'members' | 'join' | 'waiting' | 'claim';

/** Where binding ends: the page a shared card opened (?back=, a page of this app only), else 首页. */
let returnTo: string | null = null;
const goHome = () => void Taro.reLaunch({ url: returnTo ?? route('home') });

/** The server's refusal in big red letters, with the way on when there is one. */
function Refusal({ save, onJoinPending }: { save: Save; onJoinPending?: () => void }) {
  if (!save.error) return null;
  return (
    <View className="ob__error">
      <View>{save.error}</View>
      {save.errorCode === 'ALREADY_BOUND' ? (
        <View className="actions">
          <Button type="primary" round block onClick={goHome}>
            进入首页
          </Button>
        </View>
      ) : null}
      {save.errorCode === 'JOIN_PENDING' && onJoinPending ? (
        <View className="actions">
          <Button round block onClick={onJoinPending}>
            查看申请进度
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** "扫描或输入户码": the camera in WeChat, typing everywhere. */
function CardEntry({ busy, initial, onCard, onClaim }: { busy: boolean; initial: string; onCard: (code: string) => void; onClaim: (code: string) => void }) {
  const [text, setText] = useState(initial);
  const next = () => {
    const code = normalizeCode(text, HOUSEHOLD_CODE_LENGTH);
    if (!code) return toast('户码是绑定卡上的 8 位字母和数字');
    onCard(code);
  };
  const scan = async () => {
    let result: string;
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // cancelled
    }
    const found = bindCodeOf(result);
    if (!found) return toast('这不是乡约积分的绑定卡');
    if (found.kind === 'claim') return onClaim(found.code);
    setText(found.code);
    onCard(found.code);
  };
  return (
    <View>
      <View className="section-title">第一步：扫描或输入户码</View>
      {process.env.TARO_ENV === 'weapp' ? (
        <View className="actions">
          <Button type="primary" size="large" block round disabled={busy} onClick={() => void scan()}>
            扫描绑定卡上的二维码
          </Button>
        </View>
      ) : null}
      <View className="ob__hint">户码印在村里发的“一户一码”绑定卡上，二维码下方的 8 位字母和数字。</View>
      <CellGroup inset>
        <Field label="户码" value={text} placeholder="如 ABCD-EFGH" maxlength={12} onChange={(v) => setText(typedCode(v, 12))} />
      </CellGroup>
      <View className="actions">
        <Button type={process.env.TARO_ENV === 'weapp' ? 'default' : 'primary'} size="large" block round loading={busy} disabled={busy} onClick={next}>
          下一步
        </Button>
      </View>
    </View>
  );
}

/** The card's household: pick your own name; the phone's last 4 digits when the roster has a phone. */
function PickMember({
  code,
  found,
  save,
  onBound,
  onJoin,
  onBack,
}: {
  code: string;
  found: HouseholdLookup;
  save: Save;
  onBound: () => void;
  onJoin: () => void;
  onBack: () => void;
}) {
  const [picked, setPicked] = useState<string | null>(null);
  const [digits, setDigits] = useState('');
  const member = found.members.find((m) => m.id === picked) ?? null;
  const bind = async () => {
    if (!member) return toast('请先点选您自己的名字');
    if (member.needsPhone && !/^\d{4}$/.test(digits)) return toast('请填写登记手机号的后 4 位数字');
    const r = await save.run(() => call('org', 'bind', { code, personId: member.id, ...(member.needsPhone ? { phoneLast4: digits } : {}) }), { quiet: true });
    if (r) onBound();
  };
  return (
    <View>
      <View className="card">
        <View className="card__title">
          {found.villageName} {found.doorNo}
        </View>
        <View className="muted">户主：{found.headName}</View>
      </View>
      <View className="section-title">第二步：请点选您自己的名字</View>
      <View className="card">
        {found.members.map((m) => (
          <View
            key={m.id}
            className={`welcome__member${m.id === picked ? ' welcome__member--on' : ''}${m.bound ? ' welcome__member--bound' : ''}`}
            onClick={() => {
              if (m.bound) return toast('这位成员已绑定微信');
              setPicked(m.id);
              save.clear();
            }}
          >
            <Text className="welcome__member-name">{m.name}</Text>
            <Text className="muted">{m.bound ? '已绑定' : (m.relation ?? '')}</Text>
          </View>
        ))}
      </View>
      {member?.needsPhone ? (
        <>
          <View className="section-title">第三步：核对手机号</View>
          <View className="ob__hint">村里登记了 {member.name} 的手机号，请填写它的后 4 位。</View>
          <CellGroup inset>
            <Field label="手机号后4位" type="number" value={digits} placeholder="4 位数字" maxlength={4} onChange={(v) => setDigits(v.replace(/\D/g, '').slice(0, 4))} />
          </CellGroup>
        </>
      ) : null}
      <Refusal save={save} />
      <View className="actions">
        <Button type="primary" size="large" block round loading={save.busy} disabled={save.busy || !member} onClick={() => void bind()}>
          {member ? `我是${member.name}，确认绑定` : '请先点选您的名字'}
        </Button>
      </View>
      <View className="actions">
        <Button round block plain onClick={onJoin}>
          我不在名单上，申请加入
        </Button>
      </View>
      <View className="actions">
        <Button round block onClick={onBack}>
          重新输入户码
        </Button>
      </View>
    </View>
  );
}

/** Not on the household's list: name and relation; the head or the grid worker decides. */
function JoinForm({ code, found, save, onSent, onBack }: { code: string; found: HouseholdLookup; save: Save; onSent: () => void; onBack: () => void }) {
  const [name, setName] = useState('');
  const [relation, setRelation] = useState('');
  const send = async () => {
    if (!name.trim()) return toast('请填写您的姓名');
    if (!relation.trim()) return toast('请填写您与户主的关系');
    const r = await save.run(() => call('org', 'requestJoin', { code, name: name.trim(), relation: relation.trim() }), { quiet: true });
    if (r) onSent();
  };
  return (
    <View>
      <View className="card">
        <View className="card__title">申请加入 {found.doorNo}</View>
        <View className="muted">
          {found.villageName} · 户主 {found.headName}。提交后由户主或网格员确认。
        </View>
      </View>
      <CellGroup inset>
        <Field label="您的姓名" value={name} placeholder="真实姓名" maxlength={20} onChange={setName} />
        <Field label="与户主关系" value={relation} placeholder="如：儿媳、孙子" maxlength={10} onChange={setRelation} />
      </CellGroup>
      <Refusal save={save} onJoinPending={onSent} />
      <View className="actions">
        <Button type="primary" size="large" block round loading={save.busy} disabled={save.busy} onClick={() => void send()}>
          提交申请
        </Button>
      </View>
      <View className="actions">
        <Button round block onClick={onBack}>
          返回
        </Button>
      </View>
    </View>
  );
}

/** The join request's fate: waiting, approved (→ 首页), or rejected with the reason. */
function Waiting({ status, onRefresh, onAgain }: { status: MyStatus; onRefresh: () => void; onAgain: () => void }) {
  const r = status.request;
  if (!r) return null;
  return (
    <View>
      <View className="card ob__center">
        {r.status === 'pending' ? (
          <>
            <View className="welcome__big">申请已提交，请等待确认</View>
            <View className="muted">户主或网格员同意后，您就可以使用乡约积分了。</View>
          </>
        ) : r.status === 'approved' ? (
          <View className="welcome__big ob__done">已同意您加入</View>
        ) : (
          <>
            <View className="welcome__big ob__todo">申请未通过</View>
            <View>原因：{r.reason || '未说明'}</View>
          </>
        )}
      </View>
      <View className="card">
        <View>
          申请加入：{r.villageName} {r.doorNo}
        </View>
        <View>
          姓名：{r.name}（{r.relation}）
        </View>
        <View className="muted">提交时间：{formatTime(r.createdAt)}</View>
      </View>
      <View className="actions">
        {r.status === 'approved' ? (
          <Button type="primary" size="large" block round onClick={goHome}>
            进入首页
          </Button>
        ) : r.status === 'pending' ? (
          <Button size="large" block round onClick={onRefresh}>
            刷新进度
          </Button>
        ) : (
          <Button type="primary" size="large" block round onClick={onAgain}>
            重新输入户码
          </Button>
        )}
      </View>
    </View>
  );
}

/** 镇/村管理员: the one-time code the town (or `npm run setup`) gave, and one's name. */
function ClaimForm({ initial, save, onBack }: { initial: string; save: Save; onBack: () => void }) {
  const [code, setCode] = useState(initial);
  const [name, setName] = useState('');
  const send = async () => {
    if (!normalizeCode(code, CLAIM_CODE_LENGTH)) return toast('管理员编码是 10 位字母和数字');
    if (!name.trim()) return toast('请填写您的姓名');
    const r = await save.run(() => call('org', 'claim', { code, name: name.trim() }), { quiet: true });
    if (r) {
      toastSuccess(r.kind === 'town_admin' ? '您已是镇管理员' : '您已是村管理员');
      goHome();
    }
  };
  return (
    <View>
      <View className="section-title">镇/村管理员领取身份</View>
      <View className="ob__hint">请输入镇里（或系统开通时）发给您的 10 位管理员编码，编码只能使用一次。</View>
      <CellGroup inset>
        <Field label="管理员编码" value={code} placeholder="如 ABCD-EFGH-JK" maxlength={14} onChange={(v) => setCode(typedCode(v, 14))} />
        <Field label="您的姓名" value={name} placeholder="真实姓名" maxlength={20} onChange={setName} />
      </CellGroup>
      <Refusal save={save} />
      <View className="actions">
        <Button type="primary" size="large" block round loading={save.busy} disabled={save.busy} onClick={() => void send()}>
          确认领取
        </Button>
      </View>
      <View className="actions">
        <Button round block onClick={onBack}>
          返回
        </Button>
      </View>
    </View>
  );
}

export default function WelcomePage() {
  const { params } = useRouter();
  returnTo = appPageUrl(queryParam(params, 'back'));
  const opened = bindCodeOf(queryParam(params, 'card') ? `?card=${queryParam(params, 'card')}` : queryParam(params, 'claim') ? `?claim=${queryParam(params, 'claim')}` : queryParam(params, 'q'));
  const status = useRemote(() => call('org', 'myStatus', {}), { auto: false });
  useLoadOnShow(() => {
    if (needsDemoIdentity()) return void Taro.redirectTo({ url: route('demo') });
    void status.reload();
  });
  const [step, setStep] = useState<Step | null>(null);
  const [card, setCard] = useState<{ code: string; found: HouseholdLookup } | null>(null);
  const [claimCode, setClaimCode] = useState(opened?.kind === 'claim' ? opened.code : '');
  const lookup = useSave();
  const save = useSave();
  const decided = useRef(false);

  const openCard = async (code: string) => {
    save.clear();
    const found = await lookup.run(() => call('org', 'lookupHousehold', { code }), { quiet: true });
    if (found) {
      setCard({ code, found });
      setStep('members');
    } else {
      setStep('start');
    }
  };

  // What the page opens on, once the status is known: bound → 首页; a link's code; a join request's fate.
  useEffect(() => {
    const s = status.data;
    if (!s) return;
    if (s.bound) return goHome();
    if (decided.current) return;
    decided.current = true;
    if (opened?.kind === 'card') void openCard(opened.code);
    else if (opened?.kind === 'claim') setStep('claim');
    else if (s.request && s.request.status !== 'approved') setStep('waiting');
    else setStep('start');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.data]);

  // While a join request waits, look again every 10 s: the head may be deciding right now.
  const pending = step === 'waiting' && status.data?.request?.status === 'pending';
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void status.reload(), 10_000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);

  const restart = () => {
    save.clear();
    lookup.clear();
    setCard(null);
    setStep('start');
  };

  return (
    <View className="page">
      <View className="card welcome__intro">
        <View className="welcome__title">欢迎使用乡约积分</View>
        <View className="muted">好人好事记积分，积分到村超市换东西。第一次使用，请先绑定您家的户码。</View>
      </View>
      <Status loading={status.loading} error={status.error} hasData={!!status.data} onRetry={() => void status.reload()}>
        {step === 'start' ? (
          <View>
            <CardEntry busy={lookup.busy} initial={opened?.kind === 'card' ? opened.code : ''} onCard={(c) => void openCard(c)} onClaim={(c) => { setClaimCode(c); setStep('claim'); }} />
            <Refusal save={lookup} />
            <View className="welcome__admin" onClick={() => { save.clear(); setStep('claim'); }}>
              <Text className="link">我是镇/村管理员，输入管理员编码</Text>
            </View>
          </View>
        ) : null}
        {step === 'members' && card ? (
          <PickMember
            code={card.code}
            found={card.found}
            save={save}
            onBound={() => {
              toastSuccess('绑定成功');
              goHome();
            }}
            onJoin={() => {
              save.clear();
              setStep('join');
            }}
            onBack={restart}
          />
        ) : null}
        {step === 'join' && card ? (
          <JoinForm
            code={card.code}
            found={card.found}
            save={save}
            onSent={() => {
              setStep('waiting');
              void status.reload();
            }}
            onBack={() => setStep('members')}
          />
        ) : null}
        {step === 'waiting' && status.data ? <Waiting status={status.data} onRefresh={() => void status.reload()} onAgain={restart} /> : null}
        {step === 'claim' ? <ClaimForm initial={claimCode} save={save} onBack={restart} /> : null}
      </Status>
      {isDemo ? (
        <View className="welcome__admin" onClick={() => void Taro.navigateTo({ url: route('demo') })}>
          <Text className="link">演示模式 · 切换身份</Text>
        </View>
      ) : null}
    </View>
  );
}
