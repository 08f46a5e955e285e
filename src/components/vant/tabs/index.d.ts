/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { TabsProps } from './types';

declare const Tabs: FC<TabsProps>;
export default Tabs;
export type { TabsProps };
