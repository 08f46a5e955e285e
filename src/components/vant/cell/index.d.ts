/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { CellProps } from './types';

declare const Cell: FC<CellProps>;
export default Cell;
export type { CellProps };
