import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ScanView } from '@domain/api/shop';
import type { Goods, Receipt } from '@domain/shop/types';
import { call, isApiError, messageOf } from '../../services/api';
import { toast } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { groupCode } from '../../utils/format';
import CodeEntry from '../../components/code-entry';
import GoodsCard from '../../components/goods-card';
import ReceiptCard from '../../components/receipt';
import Stepper from '../../components/stepper';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import './index.scss';

type Step = { kind: 'enter' } | { kind: 'cart'; scan: ScanView } | { kind: 'receipt'; receipt: Receipt };

/** Failures after which the server may or may not have redeemed: retry the very same request. */
const UNCERTAIN = new Set(['NETWORK', 'INTERNAL', 'CONFLICT']);

function cartTotal(goods: readonly Goods[], cart: Record<string, number>): number {
  return goods.reduce((sum, g) => sum + g.price * (cart[g._id] ?? 0), 0);
}

/** 扫码兑换 (shop clerk): code → household and eligibility → cart → confirm → receipt → 下一位. */
export default function CashierPage() {
  const [step, setStep] = useState<Step>({ kind: 'enter' });
  const [scanning, setScanning] = useState(false);
  const [scanError, setScanError] = useState<string | null>(null);
  const [cart, setCart] = useState<Record<string, number>>({});
  const [confirming, setConfirming] = useState(false);
  const [redeemError, setRedeemError] = useState<string | null>(null);
  /** The last confirm got no clear answer: the cart is frozen and 重试 sends the same request. */
  const [uncertain, setUncertain] = useState(false);
  const goods = useRemote(() => call('shop', 'goods', {}));
  // One id per cart: a retry, or a second tap, is the same redemption to the server.
  const requestId = useRef(newRequestId());
  const busy = useRef(false);

  const reset = () => {
    setStep({ kind: 'enter' });
    setCart({});
    setScanError(null);
    setRedeemError(null);
    setUncertain(false);
    requestId.current = newRequestId();
  };

  const lookUp = async (code: string) => {
    if (busy.current) return;
    busy.current = true;
    setScanning(true);
    setScanError(null);
    try {
      const [scan] = await Promise.all([call('shop', 'scan', { code }), goods.reload()]);
      setCart({});
      setRedeemError(null);
      setUncertain(false);
      requestId.current = newRequestId();
      setStep({ kind: 'cart', scan });
    } catch (e) {
      setScanError(messageOf(e));
    } finally {
      busy.current = false;
      setScanning(false);
    }
  };

  /** One more or one fewer of a goods, never below 0 nor above its stock. */
  const stepQty = (g: Goods, delta: 1 | -1) => {
    setCart((c) => {
      const quantity = Math.min(Math.max((c[g._id] ?? 0) + delta, 0), Math.max(g.stock, 0));
      const next = { ...c };
      if (quantity > 0) next[g._id] = quantity;
      else delete next[g._id];
      return next;
    });
    setRedeemError(null);
  };

  const items = (goods.data?.items ?? []).filter((g) => g.active);
  const total = cartTotal(items, cart);
  const lines = items.filter((g) => (cart[g._id] ?? 0) > 0).map((g) => ({ goodsId: g._id, quantity: cart[g._id] }));

  const confirm = async (scan: ScanView) => {
    if (busy.current) return;
    if (lines.length === 0) return toast('请先选择要兑换的商品');
    if (total > scan.redeemable) return toast(`可兑换积分不足：现有 ${scan.redeemable} 分，需要 ${total} 分`);
    busy.current = true;
    setConfirming(true);
    setRedeemError(null);
    try {
      const receipt = await call('shop', 'redeem', { requestId: requestId.current, code: scan.code, lines });
      setUncertain(false);
      setStep({ kind: 'receipt', receipt });
      void goods.reload();
    } catch (e) {
      const message = messageOf(e);
      setRedeemError(message);
      toast(message);
      if (isApiError(e) && UNCERTAIN.has(e.code)) {
        setUncertain(true);
      } else {
        // Refused: nothing was charged, so the next attempt is a new request.
        setUncertain(false);
        requestId.current = newRequestId();
        if (isApiError(e) && (e.code === 'OUT_OF_STOCK' || e.code === 'GOODS_INACTIVE')) void goods.reload();
      }
    } finally {
      busy.current = false;
      setConfirming(false);
    }
  };

  if (step.kind === 'receipt') {
    return (
      <View className="page cashier">
        <ReceiptCard receipt={step.receipt} full />
        <View className="actions">
          <Button type="primary" block round onClick={reset}>
            下一位
          </Button>
        </View>
      </View>
    );
  }

  if (step.kind === 'enter') {
    return (
      <View className="page cashier">
        <View className="card">
          <View className="card__title">扫码兑换</View>
          <View className="muted">请村民打开“兑换码”页面出示二维码。兑换码限时有效，只能用一次。</View>
        </View>
        <CodeEntry busy={scanning} onCode={(code) => void lookUp(code)} />
        {scanError ? <View className="card cashier__error">{scanError}</View> : null}
      </View>
    );
  }

  const { scan } = step;
  const over = total > scan.redeemable;
  return (
    <View className="page cashier">
      <View className="card cashier__household">
        <View className="card__row">
          <View>
            <View className="card__title cashier__label">{scan.householdLabel}</View>
            <View className="muted">兑换码 {groupCode(scan.code)}</View>
          </View>
          <View className="cashier__redeemable">
            <View className="cashier__redeemable-value">{scan.redeemable}</View>
            <View className="muted">可兑换积分</View>
          </View>
        </View>
      </View>

      {!scan.eligibility.allowed ? (
        <View>
          <View className="card cashier__refused">
            <View className="cashier__refused-title">该户今天不能兑换</View>
            {scan.eligibility.reasons.map((r) => (
              <View key={r}>· {r}</View>
            ))}
            {scan.eligibility.nextDay ? <View className="cashier__next">下次兑换日：{scan.eligibility.nextDay}</View> : null}
          </View>
          <View className="actions">
            <Button type="primary" block round onClick={reset}>
              下一位
            </Button>
          </View>
        </View>
      ) : (
        <View>
          <View className="section-title">选择商品{uncertain ? '（等待确认结果，商品已锁定）' : ''}</View>
          <Status loading={goods.loading} error={goods.error} hasData={!!goods.data} onRetry={() => void goods.reload()}>
            {items.length === 0 ? (
              <Empty description="超市暂时没有上架的商品" />
            ) : (
              <View className="card">
                {items.map((g) => (
                  <GoodsCard
                    key={g._id}
                    goods={g}
                    extra={
                      <Stepper
                        value={cart[g._id] ?? 0}
                        max={Math.max(g.stock, 0)}
                        disabled={uncertain || confirming}
                        onStep={(d) => stepQty(g, d)}
                      />
                    }
                  />
                ))}
              </View>
            )}
          </Status>

          <View className="card cashier__total">
            <View className="card__row">
              <Text>合计</Text>
              <Text className={`cashier__sum${over ? ' cashier__sum--over' : ''}`}>
                {total} / {scan.redeemable} 分
              </Text>
            </View>
            {over ? <View className="cashier__warn">超出可兑换积分 {total - scan.redeemable} 分，请减少商品</View> : null}
            {redeemError ? <View className="cashier__warn">{redeemError}</View> : null}
          </View>

          <View className="actions">
            <Button
              type="primary"
              block
              round
              loading={confirming}
              disabled={confirming || lines.length === 0 || over}
              onClick={() => void confirm(scan)}
            >
              {uncertain ? '重试确认兑换' : '确认兑换'}
            </Button>
            <View className="actions__gap" />
            <Button block round plain disabled={confirming} onClick={reset}>
              取消，下一位
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
