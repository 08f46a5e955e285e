import type { FC } from 'react';
import VanSteps from '@antmjs/vantui/es/steps';
import '@antmjs/vantui/es/steps/style';
import '../h5-offline.scss';
import type { StepsProps } from './types';

const Steps: FC<StepsProps> = ({ steps, active, direction = 'vertical' }) => (
  <VanSteps steps={steps.map((s) => ({ text: s.text, desc: s.desc ?? '' }))} active={active} direction={direction} />
);

export default Steps;
