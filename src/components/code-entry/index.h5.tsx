import type { FC } from 'react';
import { View } from '@tarojs/components';
import ManualEntry from './ManualEntry';
import type { CodeEntryProps } from './types';
import './index.scss';

/** H5: type the 8 digits shown under the villager's QR code. */
const CodeEntry: FC<CodeEntryProps> = ({ busy, onCode }) => (
  <View className="code-entry">
    <View className="section-title">输入村民手机上显示的 8 位兑换码</View>
    <ManualEntry busy={busy} onCode={onCode} primary />
  </View>
);

export default CodeEntry;
