/**
 * Platform files: index.weapp.tsx (wx.scanCode from the camera, typing as a fallback) and
 * index.h5.tsx (typing the 8 digits), same props.
 */
import type { FC } from 'react';
import type { CodeEntryProps } from './types';

declare const CodeEntry: FC<CodeEntryProps>;
export default CodeEntry;
export type { CodeEntryProps };
