import type { ReactNode } from 'react';

export interface CellGroupProps {
  title?: string;
  /** Rounded card with side margins. */
  inset?: boolean;
  children?: ReactNode;
}
