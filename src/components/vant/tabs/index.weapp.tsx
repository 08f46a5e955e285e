import type { FC } from 'react';
import type { TabsProps } from './types';

const Tabs: FC<TabsProps> = ({ titles, active, onChange }) => (
  <van-tabs active={active} onChange={(e) => onChange(e.detail.index)}>
    {titles.map((title, i) => (
      <van-tab key={i} title={title} name={i} />
    ))}
  </van-tabs>
);

export default Tabs;
