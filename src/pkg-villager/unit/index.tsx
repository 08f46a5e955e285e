/**
 * 单位积分: one unit's points (pending publicity, redeemable), its ledger and applications, and
 * its 申报 — by its 负责人, or on its behalf by the village admin or a grid worker of its grid.
 * Only the 单位积分类 items are offered (the rule is the domain's itemOpenTo; the server checks).
 */
import { useMemo, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { itemOpenTo } from '@domain/points/submitRules';
import { call } from '../../services/api';
import { toast } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { useSave } from '../../hooks/useSave';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { queryParam } from '../../utils/params';
import { itemPointsText, today } from '../../utils/format';
import { route } from '../../constants/routes';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Cell from '../../components/vant/cell';
import Field from '../../components/vant/field';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import ApplicationCard from '../../components/application-card';
import LedgerEntryLine from '../../components/ledger-entry';
import ReceiptCard from '../../components/receipt';
import { PhotoPicker } from '../../components/photos';

function ApplyForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const [deedDate, setDeedDate] = useState(today);
  const catalogue = useRemote(() => call('catalogue', 'current', { date: deedDate }), { deps: [deedDate] });
  const items = useMemo(() => (catalogue.data?.categories ?? []).flatMap((c) => c.items.filter((i) => itemOpenTo(c, i, 'self', 'unit'))), [catalogue.data]);
  const [itemCode, setItemCode] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const requestId = useRef(newRequestId());
  const uploads = usePhotoUploads();
  const save = useSave();
  const item = items.find((i) => i.code === itemCode) ?? null;

  const submit = async () => {
    if (!item) return toast('请选择积分项目');
    if (!place.trim()) return toast('请填写地点');
    if (!description.trim()) return toast('请填写事情经过');
    const app = await save.run(
      async () =>
        call('units', 'submit', { requestId: requestId.current, unitId, itemCode: item.code, deedDate, place: place.trim(), description: description.trim(), photos: await uploads.upload(photos) }),
      { success: '提交成功' },
    );
    if (!app) return;
    requestId.current = newRequestId();
    uploads.forget();
    setItemCode(null);
    setPlace('');
    setDescription('');
    setPhotos([]);
    onDone();
  };

  return (
    <View>
      <View className="section-title">单位申报（单位积分类）</View>
      <Status loading={catalogue.loading} error={catalogue.error} hasData={!!catalogue.data} onRetry={() => void catalogue.reload()}>
        <CellGroup inset>
          {items.length === 0 ? <Empty description="本村积分目录中没有单位积分类的项目" /> : null}
          {items.map((i) => (
            <Cell key={i.code} title={`${i.code === itemCode ? '✓ ' : ''}${i.name}`} value={itemPointsText(i)} label={i.evidenceRequired ? '需照片' : ''} onClick={() => setItemCode(i.code)} />
          ))}
        </CellGroup>
      </Status>
      <CellGroup inset>
        <Picker mode="date" value={deedDate} end={today()} onChange={(e) => setDeedDate(String(e.detail.value))}>
          <Cell title="发生日期" value={deedDate} isLink />
        </Picker>
        <Field label="地点" value={place} placeholder="例如：村委会广场" maxlength={100} required onChange={setPlace} />
        <Field label="事情经过" type="textarea" value={description} placeholder="单位做了什么、几人参加" maxlength={500} autosize required onChange={setDescription} />
      </CellGroup>
      <View className="section-title">照片（最多 {DEFAULT_POLICY.maxPhotos} 张{item?.evidenceRequired ? '，本项目必须有照片' : ''}）</View>
      <View className="card">
        <PhotoPicker value={photos} max={DEFAULT_POLICY.maxPhotos} onChange={setPhotos} />
      </View>
      <View className="actions">
        <Button type="primary" block round loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
          提交单位申报
        </Button>
      </View>
    </View>
  );
}

/** 村委调整 of the unit's points: the village admin, with a reason (ledger.adjust, as for a household). */
function AdjustForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const requestId = useRef(newRequestId());
  const save = useSave();
  const submit = async () => {
    if (!/^-?[1-9]\d*$/.test(points.trim())) return toast('积分必须是非零整数（扣减写负数）');
    if (reason.trim().length < 2) return toast('请填写调整原因');
    const r = await save.run(() => call('ledger', 'adjust', { requestId: requestId.current, householdId: unitId, points: Number(points.trim()), reason: reason.trim() }), {
      success: '已调整',
    });
    if (!r) return;
    requestId.current = newRequestId();
    setPoints('');
    setReason('');
    onDone();
  };
  return (
    <View>
      <View className="section-title">村委调整（记入单位台账）</View>
      <CellGroup inset>
        <Field label="积分" value={points} placeholder="加分写正数，扣减写负数" onChange={setPoints} />
        <Field label="原因" type="textarea" value={reason} placeholder="例如 补录、更正录入错误" maxlength={200} autosize required onChange={setReason} />
      </CellGroup>
      <View className="actions">
        <Button block round plain type="primary" loading={save.busy} disabled={save.busy} onClick={() => void submit()}>
          确认调整
        </Button>
      </View>
    </View>
  );
}

export default function UnitPage() {
  const { params } = useRouter();
  const unitId = queryParam(params, 'unitId');
  const view = useRemote(() => call('units', 'get', { unitId }), { auto: false });
  useLoadOnShow(() => void view.reload());
  const v = view.data;
  return (
    <View className="page">
      <Status loading={view.loading} error={view.error} hasData={!!v} onRetry={() => void view.reload()}>
        {v ? (
          <View>
            <View className="card">
              <View className="card__title">
                {v.unit.name} <Text className="muted">{v.unit.kindLabel}{v.unit.active ? '' : ' · 已注销'}</Text>
              </View>
              <View className="muted">负责人 {v.unit.responsibleName}</View>
              <View className="card__row">
                <Text>可兑换 {v.unit.balance.redeemable} 分</Text>
                <Text className="muted">待公示 {v.unit.balance.pending} 分 · 已兑换 {v.unit.balance.spent} 分</Text>
              </View>
            </View>
            {v.canShowCode ? (
              <CellGroup inset>
                <Cell title="单位兑换码" label="本村允许单位积分兑换：到村超市时出示" isLink onClick={() => void Taro.navigateTo({ url: route('code', { unitId: v.unit._id }) })} />
              </CellGroup>
            ) : null}
            {v.canApply ? <ApplyForm unitId={v.unit._id} onDone={() => void view.reload()} /> : null}
            <View className="section-title">单位的申报</View>
            {v.applications.length === 0 ? <View className="card muted">还没有申报</View> : null}
            {v.applications.map((a) => (
              <ApplicationCard key={a._id} app={a} onClick={() => void Taro.navigateTo({ url: route('application', { id: a._id }) })} />
            ))}
            {v.canShowCode || v.receipts.length > 0 ? (
              <View>
                <View className="section-title">兑换记录</View>
                {v.receipts.length === 0 ? <View className="card muted">还没有兑换记录</View> : null}
                {v.receipts.map((r) => (
                  <ReceiptCard key={r._id} receipt={r} />
                ))}
              </View>
            ) : null}
            {v.canManage ? <AdjustForm unitId={v.unit._id} onDone={() => void view.reload()} /> : null}
            <View className="section-title">积分台账</View>
            <View className="card">
              {v.entries.length === 0 ? <View className="muted">还没有积分记录</View> : null}
              {v.entries.map((e) => (
                <LedgerEntryLine key={e._id} entry={e} />
              ))}
            </View>
          </View>
        ) : null}
      </Status>
    </View>
  );
}
