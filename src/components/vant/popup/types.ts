import type { ReactNode } from 'react';

export interface PopupProps {
  show: boolean;
  position?: 'bottom' | 'center' | 'top';
  round?: boolean;
  closeable?: boolean;
  /** Overlay tap, close icon. */
  onClose: () => void;
  children?: ReactNode;
}
