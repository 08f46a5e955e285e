import type { ReactNode } from 'react';

export interface ButtonProps {
  type?: 'default' | 'primary' | 'info' | 'warning' | 'danger';
  size?: 'large' | 'normal' | 'small' | 'mini';
  block?: boolean;
  round?: boolean;
  plain?: boolean;
  loading?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  children?: ReactNode;
}
