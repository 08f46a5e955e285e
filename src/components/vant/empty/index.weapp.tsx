import type { FC } from 'react';
import type { EmptyProps } from './types';

const Empty: FC<EmptyProps> = ({ description, image = 'default' }) => <van-empty description={description} image={image} />;

export default Empty;
