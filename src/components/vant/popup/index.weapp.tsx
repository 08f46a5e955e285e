import type { FC } from 'react';
import type { PopupProps } from './types';

const Popup: FC<PopupProps> = ({ show, position = 'bottom', round = true, closeable = true, onClose, children }) => (
  <van-popup show={show} position={position} round={round} closeable={closeable} safeAreaInsetBottom onClose={() => onClose()}>
    {children}
  </van-popup>
);

export default Popup;
