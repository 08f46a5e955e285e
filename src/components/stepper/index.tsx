import type { FC } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  value: number;
  min?: number;
  max: number;
  disabled?: boolean;
  /** +1 or −1: the owner applies it to its latest state (quick taps never read a stale value). */
  onStep: (delta: 1 | -1) => void;
}

/** − n +: a quantity between min and max (plain Views: the same in weapp and H5). */
const Stepper: FC<Props> = ({ value, min = 0, max, disabled, onStep }) => {
  const canMinus = !disabled && value > min;
  const canPlus = !disabled && value < max;
  return (
    <View className="stepper">
      <View
        className={`stepper__btn stepper__minus${canMinus ? '' : ' stepper__btn--off'}`}
        onClick={() => {
          if (canMinus) onStep(-1);
        }}
      >
        −
      </View>
      <Text className="stepper__value">{value}</Text>
      <View
        className={`stepper__btn stepper__plus${canPlus ? '' : ' stepper__btn--off'}`}
        onClick={() => {
          if (canPlus) onStep(1);
        }}
      >
        +
      </View>
    </View>
  );
};

export default Stepper;
