import type { FC } from 'react';
import { View } from '@tarojs/components';
import type { IssuedCode } from '@domain/api/org';
import { formatTime } from '../../utils/format';
import QrCode from '../qr-code';
import '../../styles/onboarding.scss';

/** A one-time admin code, big and grouped (ABCD-EFGH-JK), with the QR code of the welcome page's path and its expiry. */
const IssuedCodeView: FC<{ issued: IssuedCode; who: string }> = ({ issued, who }) => (
  <View className="ob__center">
    <View className="muted">请把下面的编码交给{who}，在乡约积分“欢迎”页输入，或用微信扫二维码</View>
    <View className="ob__code">{issued.code}</View>
    <QrCode text={issued.path} moduleSize={8} />
    <View className="muted">有效期至 {formatTime(issued.expiresAt)}，只能使用一次</View>
  </View>
);

export default IssuedCodeView;
