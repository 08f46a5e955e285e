/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { EmptyProps } from './types';

declare const Empty: FC<EmptyProps>;
export default Empty;
export type { EmptyProps };
