import type { FC } from 'react';
import type { StepsProps } from './types';

const Steps: FC<StepsProps> = ({ steps, active, direction = 'vertical' }) => (
  <van-steps steps={steps.map((s) => ({ text: s.text, desc: s.desc ?? '' }))} active={active} direction={direction} />
);

export default Steps;
