import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { useRemote } from '../../hooks/useRemote';
import { today } from '../../utils/format';
import Segmented from '../../components/segmented';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Status from '../../components/status';

/** 评议小组: record a negative-list event for a household of the village (a supervisor countersigns it). */
export default function RecordForm({ onDone }: { onDone: () => void }) {
  const [gridId, setGridId] = useState<string | null>(null);
  const list = useRemote(() => call('veto', 'households', gridId ? { gridId } : {}), { deps: [gridId] });
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [item, setItem] = useState('违法违纪');
  const [description, setDescription] = useState('');
  const [eventDate, setEventDate] = useState(today());
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const submit = async () => {
    if (busy) return;
    if (!householdId) return toast('请选择农户');
    if (description.trim().length < 5) return toast('请写明事情经过（至少 5 个字）');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(eventDate.trim())) return toast('日期格式应为 YYYY-MM-DD');
    setBusy(true);
    try {
      await call('veto', 'record', { requestId: requestId.current, householdId, item: item.trim(), description: description.trim(), eventDate: eventDate.trim() });
      requestId.current = newRequestId();
      toastSuccess('已登记，待监督小组会签');
      setHouseholdId(null);
      setDescription('');
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const data = list.data;
  return (
    <View>
      <View className="section-title">选择农户</View>
      <Status loading={list.loading} error={list.error} hasData={!!data} onRetry={() => void list.reload()}>
        {data ? (
          <View>
            <Segmented options={data.grids.map((g) => ({ value: g.id, label: g.name }))} value={data.gridId} onChange={(v) => setGridId(v)} />
            <View className="veto__pick">
              {data.items.map((h) => (
                <View key={h.id} className={`veto__household${h.id === householdId ? ' veto__household--on' : ''}`} onClick={() => setHouseholdId(h.id)}>
                  {h.doorNo} · {h.headName}
                  {h.id === householdId ? ' ✓' : ''}
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </Status>
      <View className="section-title">负面清单事项</View>
      <CellGroup inset>
        <Field label="事项" value={item} placeholder="如：违法违纪" maxlength={40} required onChange={setItem} />
        <Field label="发生日期" value={eventDate} placeholder="YYYY-MM-DD" maxlength={10} required onChange={setEventDate} />
        <Field label="经过" type="textarea" value={description} placeholder="时间、地点、经过、依据（如处罚决定）" maxlength={500} autosize showWordLimit required onChange={setDescription} />
      </CellGroup>
      <View className="veto__submit">
        <Button type="danger" block round loading={busy} disabled={busy} onClick={() => void submit()}>
          登记，提交监督小组会签
        </Button>
      </View>
    </View>
  );
}
