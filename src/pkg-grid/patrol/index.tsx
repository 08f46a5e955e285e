import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { GridDue, PatrolView } from '@domain/api/patrol';
import { call } from '../../services/api';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { keepIfOffline } from '../../services/outbox';
import { useRemote } from '../../hooks/useRemote';
import { useLoadOnShow } from '../../hooks/useLoadOnShow';
import { route } from '../../constants/routes';
import { formatTime } from '../../utils/format';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Tag from '../../components/vant/tag';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import Segmented from '../../components/segmented';
import { PhotoPicker } from '../../components/photos';
import './index.scss';

/** 入户走访: one household not visited lately, with a note to record the visit. */
function VisitRow({ h, onDone }: { h: GridDue['householdsDue'][number]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const save = async () => {
    if (note.trim().length < 2) return toast('请填写走访情况');
    setBusy(true);
    try {
      await call('patrol', 'visit', { requestId: requestId.current, householdId: h.id, note: note.trim() });
      toastSuccess('走访已记录');
      requestId.current = newRequestId();
      onDone();
    } catch (e) {
      const input = { requestId: requestId.current, householdId: h.id, note: note.trim() };
      if (keepIfOffline(e, 'patrol', 'visit', input, `走访：${h.doorNo} ${h.headName}`, null, new Map())) {
        requestId.current = newRequestId();
        onDone();
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="patrol__household">
      <View className="card__row">
        <View className="patrol__who">
          <View>
            {h.doorNo} · {h.headName}
          </View>
          <View className="muted">{h.lastVisit ? `上次走访 ${h.lastVisit}` : '近期未走访'}</View>
        </View>
        {!open ? (
          <Button size="small" round plain type="primary" onClick={() => setOpen(true)}>
            记走访
          </Button>
        ) : null}
      </View>
      {open ? (
        <View>
          <Field label="走访情况" type="textarea" value={note} placeholder="家里情况、诉求" maxlength={300} autosize onChange={setNote} />
          <Button size="small" round type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
            保存走访
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 定点巡查: place, time (now), findings, photos; a finding can then be reported as an event. */
function PatrolForm({ grids, onDone }: { grids: { id: string; name: string }[]; onDone: (p: PatrolView) => void }) {
  const [gridId, setGridId] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [findings, setFindings] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const uploads = usePhotoUploads();
  const grid = gridId ?? grids[0]?.id;
  const save = async () => {
    if (!place.trim()) return toast('请填写巡查地点');
    if (findings.trim().length < 2) return toast('请填写巡查情况');
    setBusy(true);
    try {
      const fileIds = await uploads.upload(photos);
      const p = await call('patrol', 'record', { requestId: requestId.current, gridId: grid, place: place.trim(), findings: findings.trim(), photos: fileIds });
      toastSuccess('巡查已记录');
      requestId.current = newRequestId();
      uploads.forget();
      setPlace('');
      setFindings('');
      setPhotos([]);
      onDone(p);
    } catch (e) {
      // A weak network: kept as 待发送 (shown on 我的) and sent with the same requestId later.
      const input = { requestId: requestId.current, gridId: grid, place: place.trim(), findings: findings.trim() };
      if (keepIfOffline(e, 'patrol', 'record', input, `巡查：${place.trim()}`, photos, uploads.uploadedOf(photos))) {
        requestId.current = newRequestId();
        uploads.forget();
        setPlace('');
        setFindings('');
        setPhotos([]);
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {grids.length > 1 ? (
        <View className="card">
          <Segmented options={grids.map((g) => ({ value: g.id, label: g.name }))} value={grid ?? null} onChange={setGridId} />
        </View>
      ) : null}
      <CellGroup inset>
        <Field label="巡查地点" value={place} placeholder="例如：村口桥头、水塘边" maxlength={100} required onChange={setPlace} />
        <Field label="巡查情况" type="textarea" value={findings} placeholder="看到了什么，有无隐患" maxlength={500} autosize required onChange={setFindings} />
      </CellGroup>
      <View className="card">
        <PhotoPicker value={photos} max={DEFAULT_POLICY.maxPhotos} onChange={setPhotos} />
      </View>
      <View className="actions">
        <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void save()}>
          记录巡查
        </Button>
      </View>
    </>
  );
}

/** 巡查走访 (grid worker): what is due today, record a patrol or a visit, this month's records. */
export default function PatrolPage() {
  const due = useRemote(() => call('patrol', 'due', {}), { auto: false });
  const mine = useRemote(() => call('patrol', 'mine', {}), { auto: false });
  const [last, setLast] = useState<PatrolView | null>(null);
  const reload = () => {
    void due.reload();
    void mine.reload();
  };
  useLoadOnShow(reload);
  const grids = (due.data?.grids ?? []).map((g) => ({ id: g.gridId, name: g.gridName }));

  return (
    <View className="page patrol">
      <Status loading={due.loading} error={due.error} hasData={!!due.data} onRetry={reload}>
        {due.data ? (
          <>
            <View className="section-title">今日任务（{due.data.today}）</View>
            {due.data.grids.map((g) => (
              <View key={g.gridId} className="card">
                <View className="card__row">
                  <View className="card__title">{g.gridName}</View>
                  <Tag type={g.patrolDue ? 'warning' : 'success'}>{g.patrolDue ? '今日待巡查' : '今日已巡查'}</Tag>
                </View>
                <View className="muted">
                  每 {due.data?.visitEveryDays} 天走访每户一遍：{g.householdsDue.length === 0 ? '本周已走访全部住户' : `还有 ${g.householdsDue.length} / ${g.householdCount} 户待走访`}
                </View>
                {g.householdsDue.slice(0, 30).map((h) => (
                  <VisitRow key={h.id} h={h} onDone={reload} />
                ))}
              </View>
            ))}

            <View className="section-title">定点巡查</View>
            <PatrolForm
              grids={grids}
              onDone={(p) => {
                setLast(p);
                reload();
              }}
            />
            {last ? (
              <View className="card">
                <View>
                  已记录：{last.place}（{formatTime(last.at)}）
                </View>
                <View className="actions">
                  <Button round plain type="warning" onClick={() => void Taro.navigateTo({ url: route('report', { gridId: last.gridId, patrolId: last._id }) })}>
                    发现问题，上报事件
                  </Button>
                </View>
              </View>
            ) : null}

            <View className="section-title">本月记录</View>
            <View className="card">
              {mine.data && mine.data.patrols.length + mine.data.visits.length === 0 ? <Empty description="本月还没有巡查和走访记录" /> : null}
              {(mine.data?.patrols ?? []).map((p) => (
                <View key={p._id} className="patrol__record">
                  巡查 · {formatTime(p.at)} · {p.gridName} · {p.place}：{p.findings}
                  {p.eventIds.length ? `（上报事件 ${p.eventIds.length} 件）` : ''}
                </View>
              ))}
              {(mine.data?.visits ?? []).map((v) => (
                <View key={v._id} className="patrol__record">
                  走访 · {formatTime(v.at)} · {v.doorNo} {v.headName}：{v.note}
                </View>
              ))}
            </View>
          </>
        ) : null}
      </Status>
    </View>
  );
}
