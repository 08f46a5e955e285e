import type { FC } from 'react';
import VanTag from '@antmjs/vantui/es/tag';
import '@antmjs/vantui/es/tag/style';
import type { TagProps } from './types';

const Tag: FC<TagProps> = ({ type = 'default', size, plain, round, children }) => (
  <VanTag type={type} size={size} plain={!!plain} round={!!round}>
    {children}
  </VanTag>
);

export default Tag;
