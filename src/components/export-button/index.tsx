import { useState, type FC } from 'react';
import { Text, View } from '@tarojs/components';
import type { ExportAnswer } from '@domain/shared/csv';
import { prepareExport, sendPreparedExport, type PreparedExport } from '../../services/saveExport';
import { showError, toast, toastSuccess } from '../../services/feedback';
import Button from '../vant/button';

interface Props {
  /** What the first button says, e.g. 导出台账（CSV）. */
  label: string;
  /** Asks the server for the file. */
  load: () => Promise<ExportAnswer>;
  disabled?: boolean;
  plain?: boolean;
}

/**
 * An export in two taps on the phone: the first fetches and saves the file, the second
 * ("发送到聊天") hands it to WeChat's send-to-chat sheet — `wx.shareFileMessage` works only when
 * called directly in a tap, never after awaiting the server. In the browser the first tap downloads.
 */
const ExportButton: FC<Props> = ({ label, load, disabled, plain }) => {
  const [busy, setBusy] = useState(false);
  const [prepared, setPrepared] = useState<PreparedExport | null>(null);

  const prepare = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const ready = await prepareExport(await load());
      if (ready) setPrepared(ready);
      else toastSuccess('已导出');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  // Synchronous: the tap itself opens the sheet.
  const sendToChat = () => {
    if (prepared) sendPreparedExport(prepared, toast);
  };

  return (
    <View className="export-button">
      <Button type="primary" block round plain={plain} loading={busy} disabled={busy || disabled} onClick={() => void prepare()}>
        {prepared ? '重新导出' : label}
      </Button>
      {prepared ? (
        <View className="export-button__ready">
          <Text className="muted">已生成 {prepared.fileName}</Text>
          <Button type="primary" block round onClick={sendToChat}>
            发送到聊天
          </Button>
        </View>
      ) : null}
    </View>
  );
};

export default ExportButton;
