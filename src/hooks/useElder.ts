import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { isElder } from '../services/elder';

/** The class a villager page's root adds for 大字模式 ('elder' or ''), read again whenever the page shows. */
export function useElderClass(): string {
  const [on, setOn] = useState(isElder);
  useDidShow(() => setOn(isElder()));
  return on ? 'elder' : '';
}
