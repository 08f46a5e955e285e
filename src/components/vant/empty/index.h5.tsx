import type { FC } from 'react';
import VanEmpty from '@antmjs/vantui/es/empty';
import '@antmjs/vantui/es/empty/style';
import type { EmptyProps } from './types';
import { EMPTY_IMAGES } from './images';

const Empty: FC<EmptyProps> = ({ description, image = 'default' }) => (
  <VanEmpty description={description} image={EMPTY_IMAGES[image]} />
);

export default Empty;
