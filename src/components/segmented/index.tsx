import type { FC } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

interface Props {
  options: readonly { value: string; label: string }[];
  value: string | null;
  onChange: (value: string) => void;
  disabled?: boolean;
}

/** A row of choices, one selected (wraps when long): the same in weapp and H5. */
const Segmented: FC<Props> = ({ options, value, onChange, disabled }) => (
  <View className="segmented">
    {options.map((o) => (
      <View
        key={o.value}
        className={`segmented__item${o.value === value ? ' segmented__item--on' : ''}`}
        onClick={() => {
          if (!disabled) onChange(o.value);
        }}
      >
        {o.label}
      </View>
    ))}
  </View>
);

export default Segmented;
