import type { FC } from 'react';
import VanPopup from '@antmjs/vantui/es/popup';
import '@antmjs/vantui/es/popup/style';
import '../h5-offline.scss';
import type { PopupProps } from './types';

const Popup: FC<PopupProps> = ({ show, position = 'bottom', round = true, closeable = true, onClose, children }) => (
  <VanPopup show={show} position={position === 'center' ? undefined : position} round={round} closeable={closeable} safeAreaInsetBottom onClose={() => onClose()}>
    {children}
  </VanPopup>
);

export default Popup;
