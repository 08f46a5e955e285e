import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EVENT_CATEGORIES, EVENT_CATEGORY_LABELS, type EventCategory } from '@domain/grid/records';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { call } from '../../services/api';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { keepIfOffline } from '../../services/outbox';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import { queryParam } from '../../utils/params';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Status from '../../components/status';
import Segmented from '../../components/segmented';
import { PhotoPicker } from '../../components/photos';
import { useElderClass } from '../../hooks/useElder';
import './index.scss';

const HOUSEHOLD = 'household';

/**
 * 随手拍 / 说事: anyone reports a problem (dispute, hazard, environment, security, a request …).
 * A villager's report goes to their household's grid; a grid worker picks one of their grids and
 * may report it already handled (自巡自办). `?gridId=&patrolId=` come from a patrol's findings.
 */
export default function ReportPage() {
  const elder = useElderClass();
  const { params } = useRouter();
  const patrolId = queryParam(params, 'patrolId') || undefined;
  const me = useRemote(() => call('identity', 'whoami', {}));
  const grids = me.data?.grids ?? [];
  const [target, setTarget] = useState<string | null>(queryParam(params, 'gridId') || null);
  const [category, setCategory] = useState<EventCategory | null>(null);
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [selfHandled, setSelfHandled] = useState(false);
  const [handling, setHandling] = useState('');
  const [closingNote, setClosingNote] = useState('');
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const uploads = usePhotoUploads();

  // Default: a worker reports on their grid, everyone else for their household.
  const chosen = target ?? (grids.length > 0 ? grids[0].id : HOUSEHOLD);
  const asWorker = chosen !== HOUSEHOLD;
  const targets = [
    ...grids.map((g) => ({ value: g.id, label: `网格员：${g.name}` })),
    ...(me.data?.household ? [{ value: HOUSEHOLD, label: '以村民身份（本户）' }] : []),
  ];

  const submit = async () => {
    if (busy) return;
    if (!category) return toast('请选择事件类别');
    if (!place.trim()) return toast('请填写地点');
    if (description.trim().length < 4) return toast('请把事情说清楚（至少 4 个字）');
    if (asWorker && selfHandled && (handling.trim().length < 2 || closingNote.trim().length < 2)) return toast('自巡自办请填写处置情况和办结说明');
    setBusy(true);
    const input = {
      requestId: requestId.current,
      category,
      place: place.trim(),
      description: description.trim(),
      ...(asWorker ? { gridId: chosen, ...(patrolId ? { patrolId } : {}) } : {}),
      ...(asWorker && selfHandled ? { selfHandled: { handling: handling.trim(), closingNote: closingNote.trim() } } : {}),
    };
    try {
      const fileIds = await uploads.upload(photos);
      const e = await call('events', 'report', { ...input, photos: fileIds });
      toastSuccess('已上报');
      requestId.current = newRequestId();
      void Taro.redirectTo({ url: route('event', { id: e._id }) });
    } catch (err) {
      // A weak network: kept as 待发送 (shown on 我的) and sent with the same requestId later.
      if (keepIfOffline(err, 'events', 'report', input, `随手拍：${place.trim()}`, photos, uploads.uploadedOf(photos))) {
        requestId.current = newRequestId();
        void Taro.navigateBack();
      } else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`page report ${elder}`}>
      <Status loading={me.loading} error={me.error} hasData={!!me.data} onRetry={() => void me.reload()}>
        {targets.length > 1 ? (
          <>
            <View className="section-title">上报到</View>
            <View className="card">
              <Segmented options={targets} value={chosen} onChange={setTarget} />
            </View>
          </>
        ) : null}
        {!asWorker ? <View className="muted report__hint">上报到您家所在的网格，网格员会处理并告诉您结果</View> : null}

        <View className="section-title">事件类别</View>
        <View className="card">
          <Segmented options={EVENT_CATEGORIES.map((c) => ({ value: c, label: EVENT_CATEGORY_LABELS[c] }))} value={category} onChange={(v) => setCategory(v as EventCategory)} />
        </View>

        <View className="section-title">说说情况</View>
        <CellGroup inset>
          <Field label="地点" value={place} placeholder="例如：一组村道桥头" maxlength={100} required onChange={setPlace} />
          <Field label="事件描述" type="textarea" value={description} placeholder="发生了什么、需要帮什么忙" maxlength={500} autosize showWordLimit required onChange={setDescription} />
        </CellGroup>

        <View className="section-title">照片（最多 {DEFAULT_POLICY.maxPhotos} 张，可不传）</View>
        <View className="card">
          <PhotoPicker value={photos} max={DEFAULT_POLICY.maxPhotos} onChange={setPhotos} />
        </View>

        {asWorker ? (
          <>
            <View className="section-title">处置方式</View>
            <View className="card">
              <Segmented
                options={[
                  { value: 'report', label: '上报待处理' },
                  { value: 'self', label: '自巡自办（已处置）' },
                ]}
                value={selfHandled ? 'self' : 'report'}
                onChange={(v) => setSelfHandled(v === 'self')}
              />
            </View>
            {selfHandled ? (
              <CellGroup inset>
                <Field label="处置情况" type="textarea" value={handling} placeholder="做了什么" maxlength={500} autosize required onChange={setHandling} />
                <Field label="办结说明" type="textarea" value={closingNote} placeholder="是否达到办结标准" maxlength={200} autosize required onChange={setClosingNote} />
              </CellGroup>
            ) : null}
          </>
        ) : null}

        <View className="actions">
          <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void submit()}>
            提交上报
          </Button>
        </View>
      </Status>
    </View>
  );
}
