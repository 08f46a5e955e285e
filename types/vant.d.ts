/**
 * JSX declarations for the @vant/weapp custom elements rendered by the weapp wrappers in
 * src/components/vant/*\/index.weapp.tsx. Taro passes props through as component
 * properties and `onXxx` handlers as `bind:xxx` events; `e.detail` carries Vant's payload.
 */
import type { CSSProperties, ReactNode } from 'react';

type VantEvent<D = unknown> = { detail: D };
type VantHandler<D = unknown> = (e: VantEvent<D>) => void;

interface VantBase {
  children?: ReactNode;
  className?: string;
  style?: string | CSSProperties;
  id?: string;
  key?: string | number;
  customClass?: string;
  /** Taro maps `custom-class` etc. through; plain class names also work on the host. */
  'custom-class'?: string;
}

interface VanButton extends VantBase {
  type?: string;
  size?: string;
  block?: boolean;
  round?: boolean;
  plain?: boolean;
  loading?: boolean;
  disabled?: boolean;
  icon?: string;
  onClick?: VantHandler;
}
interface VanCell extends VantBase {
  title?: string;
  value?: string;
  label?: string;
  icon?: string;
  isLink?: boolean;
  clickable?: boolean;
  center?: boolean;
  required?: boolean;
  border?: boolean;
  titleWidth?: string;
  onClick?: VantHandler;
}
interface VanCellGroup extends VantBase {
  title?: string;
  inset?: boolean;
  border?: boolean;
}
interface VanField extends VantBase {
  label?: string;
  value?: string;
  type?: string;
  placeholder?: string;
  required?: boolean;
  readonly?: boolean;
  disabled?: boolean;
  maxlength?: number;
  autosize?: boolean | { minHeight?: number; maxHeight?: number };
  showWordLimit?: boolean;
  errorMessage?: string;
  border?: boolean;
  clearable?: boolean;
  titleWidth?: string;
  onChange?: VantHandler<string>;
  onInput?: VantHandler<string>;
  onBlur?: VantHandler;
}
interface VanTag extends VantBase {
  type?: string;
  size?: string;
  plain?: boolean;
  round?: boolean;
  mark?: boolean;
  color?: string;
  textColor?: string;
}
interface VanEmpty extends VantBase {
  description?: string;
  image?: string;
}
interface VanPopup extends VantBase {
  show?: boolean;
  position?: string;
  round?: boolean;
  closeable?: boolean;
  closeOnClickOverlay?: boolean;
  safeAreaInsetBottom?: boolean;
  onClose?: VantHandler;
}
interface VanSteps extends VantBase {
  steps?: { text: string; desc?: string }[];
  active?: number;
  direction?: string;
  activeColor?: string;
}
interface VanTabs extends VantBase {
  active?: number | string;
  sticky?: boolean;
  animated?: boolean;
  swipeable?: boolean;
  lazyRender?: boolean;
  color?: string;
  onChange?: VantHandler<{ index: number; name: string | number; title: string }>;
}
interface VanTab extends VantBase {
  title?: string;
  name?: string | number;
  disabled?: boolean;
}

declare global {
  namespace JSX {
    interface IntrinsicElements {
      'van-button': VanButton;
      'van-cell': VanCell;
      'van-cell-group': VanCellGroup;
      'van-field': VanField;
      'van-tag': VanTag;
      'van-empty': VanEmpty;
      'van-popup': VanPopup;
      'van-steps': VanSteps;
      'van-tabs': VanTabs;
      'van-tab': VanTab;
    }
  }
}

export {};
