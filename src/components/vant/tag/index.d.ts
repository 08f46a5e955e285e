/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { TagProps } from './types';

declare const Tag: FC<TagProps>;
export default Tag;
export type { TagProps };
