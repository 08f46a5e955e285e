import type { FC } from 'react';
import type { TagProps } from './types';

const Tag: FC<TagProps> = ({ type = 'default', size, plain, round, children }) => (
  <van-tag type={type} size={size ?? ''} plain={!!plain} round={!!round}>
    {children}
  </van-tag>
);

export default Tag;
