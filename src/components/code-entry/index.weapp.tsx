import type { FC } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import Button from '../vant/button';
import { toast } from '../../services/feedback';
import ManualEntry from './ManualEntry';
import { codeFromScan, type CodeEntryProps } from './types';
import './index.scss';

/** weapp: scan the villager's QR code with the camera (never from the album); typing as a fallback. */
const CodeEntry: FC<CodeEntryProps> = ({ busy, onCode }) => {
  const scan = async () => {
    let result: string;
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // cancelled
    }
    const code = codeFromScan(result);
    if (!code) return toast('这不是乡约积分的兑换码');
    onCode(code);
  };
  return (
    <View className="code-entry">
      <View className="actions">
        <Button type="primary" block round loading={busy} disabled={busy} onClick={() => void scan()}>
          扫码
        </Button>
      </View>
      <View className="section-title">扫不出来时，输入村民手机上显示的 8 位数字</View>
      <ManualEntry busy={busy} onCode={onCode} primary={false} />
    </View>
  );
};

export default CodeEntry;
