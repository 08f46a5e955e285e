import type { FC } from 'react';
import type { CellProps } from './types';

const Cell: FC<CellProps> = ({ title, value, label, isLink, required, center, border = true, onClick }) => (
  <van-cell
    title={title}
    value={value ?? ''}
    label={label ?? ''}
    isLink={!!isLink}
    required={!!required}
    center={!!center}
    border={border}
    onClick={() => onClick?.()}
  />
);

export default Cell;
