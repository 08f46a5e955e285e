/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { StepsProps } from './types';

declare const Steps: FC<StepsProps>;
export default Steps;
export type { StepsProps };
