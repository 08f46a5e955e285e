import type { FC } from 'react';
import VanButton from '@antmjs/vantui/es/button';
import '@antmjs/vantui/es/button/style';
import type { ButtonProps } from './types';

const Button: FC<ButtonProps> = ({ type = 'default', size = 'normal', block, round, plain, loading, disabled, onClick, children }) => (
  <VanButton
    type={type}
    size={size}
    block={!!block}
    round={!!round}
    plain={!!plain}
    // @antmjs/vantui draws a button's border only with `hairline`; @vant/weapp always does for plain ones.
    hairline={!!plain}
    loading={!!loading}
    disabled={!!disabled}
    onClick={() => {
      if (!disabled && !loading) onClick?.();
    }}
  >
    {children}
  </VanButton>
);

export default Button;
