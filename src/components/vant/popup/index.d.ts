/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { PopupProps } from './types';

declare const Popup: FC<PopupProps>;
export default Popup;
export type { PopupProps };
