import type { FC } from 'react';
import VanCellGroup from '@antmjs/vantui/es/cell-group';
import '@antmjs/vantui/es/cell-group/style';
import type { CellGroupProps } from './types';

const CellGroup: FC<CellGroupProps> = ({ title, inset, children }) => (
  <VanCellGroup title={title || undefined} inset={!!inset}>
    {children}
  </VanCellGroup>
);

export default CellGroup;
