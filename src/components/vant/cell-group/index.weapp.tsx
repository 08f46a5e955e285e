import type { FC } from 'react';
import type { CellGroupProps } from './types';

const CellGroup: FC<CellGroupProps> = ({ title, inset, children }) => (
  <van-cell-group title={title ?? ''} inset={!!inset}>
    {children}
  </van-cell-group>
);

export default CellGroup;
