import type { FC } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { HELD_MESSAGES, type PhotoView } from '@domain/moderation/verdicts';
import { pickPhotos } from '../../services/pickPhotos';
import './index.scss';

/**
 * Photos already uploaded: thumbnails, tap to preview full size. A photo still waiting for its
 * content check reaches only its author (marked 审核中); one that failed it shows the reason.
 */
export const PhotoGrid: FC<{ photos: PhotoView[] }> = ({ photos }) => {
  if (photos.length === 0) return <View className="muted">无照片</View>;
  const urls = photos.filter((p) => p.url !== '' && p.held !== 'risky').map((p) => p.url);
  const held = photos.find((p) => p.held === 'pending');
  return (
    <View>
      <View className="photos">
        {photos.map((p) =>
          p.held === 'risky' ? (
            <View key={p.fileId} className="photos__item photos__item--risky">
              <Text className="photos__held-text">未通过审核</Text>
            </View>
          ) : (
            <View key={p.fileId} className="photos__item" onClick={() => void Taro.previewImage({ urls, current: p.url })}>
              <Image className="photos__img" src={p.url} mode="aspectFill" />
              {p.held === 'pending' ? <Text className="photos__badge">审核中</Text> : null}
            </View>
          ),
        )}
      </View>
      {held ? <View className="muted photos__note">{HELD_MESSAGES.pending}</View> : null}
      {photos.some((p) => p.held === 'risky') ? <View className="photos__note photos__note--risky">{HELD_MESSAGES.risky}</View> : null}
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
    const picked = await pickPhotos(max - value.length);
    if (picked.length > 0) onChange([...value, ...picked].slice(0, max));
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
