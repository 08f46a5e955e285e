import type { ReactNode } from 'react';

export interface TagProps {
  type?: 'default' | 'primary' | 'success' | 'danger' | 'warning';
  size?: 'medium' | 'large';
  plain?: boolean;
  round?: boolean;
  children?: ReactNode;
}
