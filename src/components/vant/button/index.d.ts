/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { ButtonProps } from './types';

declare const Button: FC<ButtonProps>;
export default Button;
export type { ButtonProps };
