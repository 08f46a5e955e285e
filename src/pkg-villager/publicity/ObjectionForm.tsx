import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { PublicityLine } from '@domain/publicity/types';
import { call } from '../../services/api';
import { usePhotoUploads } from '../../hooks/usePhotoUploads';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { newRequestId } from '../../services/requestId';
import { keepIfOffline } from '../../services/outbox';
import Field from '../../components/vant/field';
import Button from '../../components/vant/button';
import { PhotoPicker } from '../../components/photos';
import { useSubscribeAsk } from '../../hooks/useSubscribeAsk';

/** 提出异议 against one line: a reason and up to 3 photos (uploaded like evidence). A retry keeps its requestId. */
export default function ObjectionForm({ quarter, line, onDone }: { quarter: string; line: PublicityLine; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const uploads = usePhotoUploads();
  const askSubscribe = useSubscribeAsk('objection');
  const submit = async () => {
    if (busy) return;
    if (reason.trim().length < 2) return toast('请填写异议理由');
    // In the tap itself, before any await: the decision on my objection.
    askSubscribe();
    setBusy(true);
    try {
      const fileIds = await uploads.upload(photos);
      await call('publicity', 'object', { requestId: requestId.current, quarter, householdId: line.householdId, reason: reason.trim(), photos: fileIds });
      toastSuccess('异议已提交');
      onDone();
    } catch (e) {
      const input = { requestId: requestId.current, quarter, householdId: line.householdId, reason: reason.trim() };
      // A weak network: kept as 待发送 (shown on 我的) and sent with the same requestId later.
      if (keepIfOffline(e, 'publicity', 'object', input, `异议：${line.name}（${line.doorNo}）`, photos, uploads.uploadedOf(photos))) {
        requestId.current = newRequestId();
        onDone();
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="pub__form">
      <View className="pub__title">
        对 {line.name}（{line.doorNo}）{line.total} 分提出异议
      </View>
      <Field label="异议理由" type="textarea" value={reason} maxlength={500} autosize required placeholder="请写明哪一项有误、应为多少" onChange={setReason} />
      <PhotoPicker value={photos} max={DEFAULT_POLICY.maxPhotos} onChange={setPhotos} />
      <View className="pub__hint">评议小组会同监督小组调查核实后答复，处理结果可在“我的异议”查看。</View>
      <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void submit()}>
        提交异议
      </Button>
    </View>
  );
}
