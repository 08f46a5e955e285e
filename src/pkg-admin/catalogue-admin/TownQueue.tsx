import { useState } from 'react';
import { View } from '@tarojs/components';
import type { CatalogueVersion } from '@domain/catalogue/types';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import Button from '../../components/vant/button';
import Empty from '../../components/vant/empty';
import Field from '../../components/vant/field';
import Status from '../../components/status';
import { CatalogueView } from '../../pkg-villager/catalogue/CatalogueView';
import { VersionCard } from './VersionsTab';

/** 镇: the villages' drafts waiting for 备案; open one to read it, then file it or return it with a reason. */
export default function TownQueue() {
  const queue = useRemote(() => call('catalogue', 'townQueue', {}));
  const [open, setOpen] = useState<CatalogueVersion | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const show = async (id: string) => {
    try {
      setOpen(await call('catalogue', 'get', { versionId: id }));
    } catch (e) {
      showError(e);
    }
  };
  const decide = async (kind: 'approve' | 'return') => {
    if (!open || busy) return;
    if (kind === 'return' && reason.trim().length < 2) return toast('请填写退回原因');
    setBusy(true);
    try {
      if (kind === 'approve') await call('catalogue', 'approve', { versionId: open._id });
      else await call('catalogue', 'returnDraft', { versionId: open._id, reason: reason.trim() });
      toastSuccess(kind === 'approve' ? '已备案' : '已退回');
      setOpen(null);
      setReason('');
      await queue.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const items = queue.data?.items ?? [];
  return (
    <Status loading={queue.loading} error={queue.error} hasData={!!queue.data} onRetry={() => void queue.reload()}>
      {items.length === 0 ? (
        <Empty description="没有待备案的积分目录" />
      ) : (
        items.map((v) => (
          <VersionCard key={v._id} v={v}>
            {open?._id === v._id ? null : (
              <Button size="small" plain round type="primary" onClick={() => void show(v._id)}>
                查看并审核
              </Button>
            )}
          </VersionCard>
        ))
      )}
      {open ? (
        <View>
          <CatalogueView version={open} codes />
          <Field label="退回原因" type="textarea" value={reason} placeholder="退回时填写，村里会看到" maxlength={200} autosize onChange={setReason} />
          <View className="cadmin__buttons">
            <View className="cadmin__button">
              <Button type="danger" plain block round disabled={busy} onClick={() => void decide('return')}>
                退回修改
              </Button>
            </View>
            <View className="cadmin__button">
              <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void decide('approve')}>
                同意备案
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </Status>
  );
}
