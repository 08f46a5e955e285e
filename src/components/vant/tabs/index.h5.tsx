import type { FC } from 'react';
import VanTabs from '@antmjs/vantui/es/tabs';
import VanTab from '@antmjs/vantui/es/tab';
import '@antmjs/vantui/es/tabs/style';
import '@antmjs/vantui/es/tab/style';
import type { TabsProps } from './types';

const Tabs: FC<TabsProps> = ({ titles, active, onChange }) => (
  <VanTabs active={active} onChange={(e) => onChange(e.detail.index)}>
    {titles.map((title, i) => (
      <VanTab key={i} title={title} name={i} />
    ))}
  </VanTabs>
);

export default Tabs;
