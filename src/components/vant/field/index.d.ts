/** Platform files: index.weapp.tsx (@vant/weapp) and index.h5.tsx (@antmjs/vantui), same props. */
import type { FC } from 'react';
import type { FieldProps } from './types';

declare const Field: FC<FieldProps>;
export default Field;
export type { FieldProps };
