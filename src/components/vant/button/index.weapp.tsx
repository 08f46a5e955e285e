import type { FC } from 'react';
import type { ButtonProps } from './types';

const Button: FC<ButtonProps> = ({ type = 'default', size = 'normal', block, round, plain, loading, disabled, onClick, children }) => (
  <van-button
    type={type}
    size={size}
    block={!!block}
    round={!!round}
    plain={!!plain}
    loading={!!loading}
    disabled={!!disabled}
    onClick={() => onClick?.()}
  >
    {children}
  </van-button>
);

export default Button;
