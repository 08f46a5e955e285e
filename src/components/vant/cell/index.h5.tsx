import type { FC } from 'react';
import VanCell from '@antmjs/vantui/es/cell';
import '@antmjs/vantui/es/cell/style';
import '../h5-offline.scss';
import type { CellProps } from './types';

const Cell: FC<CellProps> = ({ title, value, label, isLink, required, center, border = true, onClick }) => (
  <VanCell
    title={title}
    value={value}
    label={label || undefined}
    isLink={!!isLink}
    required={!!required}
    center={!!center}
    border={border}
    onClick={() => onClick?.()}
  />
);

export default Cell;
