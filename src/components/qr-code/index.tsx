import { useMemo, type FC } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { qrMatrix, runsOf } from './matrix';
import './index.scss';

interface Props {
  text: string;
  /** Width of one module in design px (750-wide design). */
  moduleSize?: number;
  /** Greyed out (e.g. while a fresh code loads): still drawn, not meant to be scanned. */
  faded?: boolean;
}

/**
 * A QR code drawn as rows of Views (no canvas): identical in the weapp and the H5 build.
 * Each row is a run-length list of dark/light blocks; a 4-module quiet zone surrounds it.
 */
const QrCode: FC<Props> = ({ text, moduleSize = 18, faded }) => {
  const rows = useMemo(() => qrMatrix(text), [text]);
  const unit = (n: number) => Taro.pxTransform(n * moduleSize);
  return (
    <View className={`qr${faded ? ' qr--faded' : ''}`} style={{ padding: unit(4) }}>
      {rows.map((row, r) => (
        <View key={r} className="qr__row" style={{ height: unit(1) }}>
          {runsOf(row).map((run, i) => (
            <View key={i} className={run.dark ? 'qr__dark' : 'qr__light'} style={{ width: unit(run.length), height: unit(1) }} />
          ))}
        </View>
      ))}
    </View>
  );
};

export default QrCode;
