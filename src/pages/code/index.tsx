import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CodeStatusView, MyCodeView } from '@domain/api/shop';
import type { Receipt } from '@domain/shop/types';
import { call, messageOf } from '../../services/api';
import { route } from '../../constants/routes';
import { clock, groupCode } from '../../utils/format';
import QrCode from '../../components/qr-code';
import ReceiptCard from '../../components/receipt';
import Button from '../../components/vant/button';
import Cell from '../../components/vant/cell';
import CellGroup from '../../components/vant/cell-group';
import Status from '../../components/status';
import { useElderClass } from '../../hooks/useElder';
import './index.scss';

/** A fresh code is fetched this long before the shown one expires. */
const REFRESH_BEFORE_MS = 5_000;
/** How often the page asks whether the clerk has confirmed, while it is on screen. */
const POLL_MS = 3_000;
/** A code is watched this long past its expiry on this phone's clock (clocks differ a little). */
const WATCH_GRACE_MS = 3_000;

/** A code shown on this page that the clerk may still confirm. */
interface Watched {
  code: string;
  deadline: number;
}

interface Shown {
  view: MyCodeView;
  /** When the code stops working, on this phone's clock. */
  deadline: number;
}

/**
 * The expiry on this phone's clock. The server's expiresAt is trusted when the phone's clock
 * agrees with it (it lies within the code's lifetime from now); a phone whose clock is off
 * counts the lifetime down from when the code arrived instead.
 */
function localDeadline(view: MyCodeView, receivedAt: number): number {
  const left = view.expiresAt - receivedAt;
  const ttl = view.ttlSeconds * 1000;
  return left > 0 && left <= ttl + 5_000 ? view.expiresAt : receivedAt + ttl;
}

/**
 * 兑换码: the household's short-lived code as a QR code and 8 digits, renewed before it expires.
 * While on screen it asks every few seconds whether the clerk has confirmed; once the code is
 * used it shows the receipt, and 完成 brings a fresh code.
 */
export default function CodePage() {
  // ?unitId=: a unit's code, shown by its 负责人 (单位积分, where the village lets units redeem).
  const unitId = useRouter().params.unitId;
  const elder = useElderClass();
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [active, setActive] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const seq = useRef(0);
  const busy = useRef(false);
  const receiptShown = useRef(false);
  // The current code, and the one it replaced until that one expires: a clerk may confirm it in its last seconds.
  const watched = useRef<Watched[]>([]);
  const polling = useRef(false);
  // Bumped by 完成: answers about codes from before are ignored.
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    busy.current = true;
    setLoading(true);
    try {
      const view = await call('shop', 'myCode', unitId ? { unitId } : {});
      if (mine !== seq.current) return;
      const at = Date.now();
      const deadline = localDeadline(view, at);
      watched.current = [...watched.current.filter((w) => w.deadline + WATCH_GRACE_MS > at && w.code !== view.code), { code: view.code, deadline }];
      setShown({ view, deadline });
      setNow(at);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(messageOf(e));
    } finally {
      if (mine === seq.current) {
        busy.current = false;
        setLoading(false);
      }
    }
  }, [unitId]);

  const showReceipt = useCallback((r: Receipt) => {
    receiptShown.current = true;
    watched.current = [];
    setReceipt(r);
  }, []);

  /** Asks about each watched code; the first one used switches the page to its receipt. */
  const poll = useCallback(async () => {
    if (polling.current || receiptShown.current) return;
    const at = Date.now();
    watched.current = watched.current.filter((w) => w.deadline + WATCH_GRACE_MS > at);
    const codes = watched.current.map((w) => w.code);
    if (codes.length === 0) return;
    const gen = generation.current;
    polling.current = true;
    try {
      for (const code of codes) {
        let status: CodeStatusView;
        try {
          status = await call('shop', 'codeStatus', { code });
        } catch {
          continue; // no answer this time: the next round asks again
        }
        if (gen !== generation.current || receiptShown.current) return;
        if (status.state === 'used') {
          if (status.receipt) showReceipt(status.receipt);
          else void load();
          return;
        }
        if (status.state === 'expired') watched.current = watched.current.filter((w) => w.code !== code);
      }
    } finally {
      polling.current = false;
    }
  }, [load, showReceipt]);

  /** 完成: back to a fresh code. */
  const finish = () => {
    generation.current++;
    receiptShown.current = false;
    watched.current = [];
    setReceipt(null);
    void load();
  };

  useDidShow(() => {
    setActive(true);
    // A receipt on screen stays until 完成.
    if (!receiptShown.current) void load();
  });
  useDidHide(() => setActive(false));

  // Count down every second while the page is on screen; renew the code shortly before it expires.
  useEffect(() => {
    if (!active || receipt) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active, receipt]);

  // Ask whether the clerk has confirmed while the page is on screen; stop when hidden, unloaded or done.
  useEffect(() => {
    if (!active || receipt) return undefined;
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, receipt, poll]);

  const remainingMs = shown ? shown.deadline - now : 0;
  useEffect(() => {
    if (!active || receipt || !shown || error || busy.current) return;
    if (remainingMs <= REFRESH_BEFORE_MS) void load();
  }, [active, receipt, shown, error, remainingMs, load]);

  if (receipt) {
    return (
      <View className={`page code ${elder}`}>
        <ReceiptCard receipt={receipt} full />
        <View className="code__used muted">店员已确认兑换，积分已扣除，这个兑换码已作废。</View>
        <View className="actions">
          <Button type="primary" block round onClick={finish}>
            完成
          </Button>
        </View>
      </View>
    );
  }

  const view = shown?.view ?? null;
  const expired = !!shown && remainingMs <= 0;
  const eligibility = view?.eligibility;
  return (
    <View className={`page code ${elder}`}>
      <Status loading={loading} error={view ? null : error} hasData={!!view} onRetry={() => void load()}>
        {view ? (
          <View>
            <View className="card code__card">
              <View className="code__hint">请向超市店员出示此码</View>
              {unitId ? <View className="code__unit">单位兑换码：兑换扣的是单位的积分</View> : null}
              <View className="code__qr">
                <QrCode text={view.code} faded={expired} />
              </View>
              <View className={`code__digits${expired ? ' code__digits--expired' : ''}`}>{groupCode(view.code)}</View>
              <View className="code__countdown">
                {expired || loading ? '正在刷新…' : `${clock(remainingMs / 1000)} 后自动刷新`}
              </View>
              {error ? <View className="code__error">{error}</View> : null}
              <View className="code__once muted">一码一用，兑换一次后自动作废</View>
            </View>

            <View className="card code__balance">
              <View className="card__row">
                <Text>{unitId ? '单位可兑换积分' : '可兑换积分'}</Text>
                <Text className="code__redeemable">{view.redeemable} 分</Text>
              </View>
            </View>

            {eligibility && !eligibility.allowed ? (
              <View className="card code__reasons">
                <View className="code__reasons-title">今天暂不能兑换</View>
                {eligibility.reasons.map((r) => (
                  <View key={r} className="code__reason">
                    · {r}
                  </View>
                ))}
                {eligibility.nextDay ? <View className="code__next">下次兑换日：{eligibility.nextDay}</View> : null}
              </View>
            ) : null}

            <View className="actions">
              <Button block round plain loading={loading} disabled={loading} onClick={() => void load()}>
                刷新兑换码
              </Button>
            </View>
            <View className="section-title">相关</View>
            <CellGroup inset>
              <Cell title="积分超市" label="看看能换什么" isLink onClick={() => void Taro.navigateTo({ url: route('shop') })} />
              {unitId ? null : <Cell title="兑换记录" label="本户在超市兑换的商品" isLink onClick={() => void Taro.navigateTo({ url: route('receipts', { scope: 'household' }) })} />}
            </CellGroup>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
