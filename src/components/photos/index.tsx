import type { FC } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { toast } from '../../services/feedback';
import './index.scss';

/** Photos already uploaded: thumbnails, tap to preview full size. */
export const PhotoGrid: FC<{ urls: string[] }> = ({ urls }) => {
  if (urls.length === 0) return <View className="muted">无照片</View>;
  return (
    <View className="photos">
      {urls.map((url) => (
        <View key={url} className="photos__item" onClick={() => void Taro.previewImage({ urls, current: url })}>
          <Image className="photos__img" src={url} mode="aspectFill" />
        </View>
      ))}
    </View>
  );
};

interface PickerProps {
  /** Local temp paths of the chosen photos. */
  value: string[];
  max: number;
  onChange: (paths: string[]) => void;
}

/** Choose up to `max` photos from the album or camera; tap one to preview, × to remove. */
export const PhotoPicker: FC<PickerProps> = ({ value, max, onChange }) => {
  const add = async () => {
    try {
      const res = await Taro.chooseImage({
        count: Math.max(1, max - value.length),
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      onChange([...value, ...res.tempFilePaths].slice(0, max));
    } catch (e) {
      const msg = (e as { errMsg?: string } | null)?.errMsg ?? '';
      if (!/cancel/i.test(msg)) toast('无法选择照片，请重试');
    }
  };
  return (
    <View className="photos">
      {value.map((path, i) => (
        <View key={path} className="photos__item">
          <Image
            className="photos__img"
            src={path}
            mode="aspectFill"
            onClick={() => void Taro.previewImage({ urls: value, current: path })}
          />
          <View className="photos__remove" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {value.length < max ? (
        <View className="photos__item photos__add" onClick={() => void add()}>
          <Text className="photos__plus">+</Text>
          <Text className="photos__hint">添加照片</Text>
        </View>
      ) : null}
    </View>
  );
};
