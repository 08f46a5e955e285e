/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { CellGroupProps } from './types';

declare const CellGroup: FC<CellGroupProps>;
export default CellGroup;
export type { CellGroupProps };
