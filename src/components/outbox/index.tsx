import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { flushOutbox, onOutboxChange, outboxItems, removeFromOutbox, type OutboxItem } from '../../services/outbox';
import './index.scss';

/** 待发送: what is kept on this phone until the network lets it through (or the server refused it). */
export default function Outbox() {
  const [items, setItems] = useState<OutboxItem[]>(outboxItems);
  useEffect(() => onOutboxChange(setItems), []);
  useDidShow(() => setItems(outboxItems()));
  if (items.length === 0) return null;
  return (
    <View className="outbox">
      <View className="section-title">待发送（{items.length}）</View>
      {items.map((i) => (
        <View key={i.id} className="card outbox__item">
          <View className="card__row">
            <Text className="outbox__label">{i.label}</Text>
            <Text className={`outbox__state${i.failed ? ' outbox__state--failed' : ''}`}>{i.failed ? '没有发出' : '待发送'}</Text>
          </View>
          <View className="outbox__note">{i.failed ?? '网络不好，已存在手机上，联网后会自动发送'}</View>
          <View className="outbox__actions">
            {i.failed ? null : (
              <View className="outbox__btn" onClick={() => void flushOutbox(true)}>
                现在重试
              </View>
            )}
            <View className="outbox__btn outbox__btn--danger" onClick={() => removeFromOutbox(i.id)}>
              {i.failed ? '知道了，删除' : '不发了'}
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
