import type { FC } from 'react';
import VanField from '@antmjs/vantui/es/field';
import '@antmjs/vantui/es/field/style';
import type { FieldProps } from './types';

const Field: FC<FieldProps> = ({ label, value, placeholder, type = 'text', maxlength = -1, required, autosize, showWordLimit, border = true, onChange }) => (
  <VanField
    label={label}
    value={value}
    placeholder={placeholder}
    type={type}
    maxlength={maxlength}
    required={!!required}
    autosize={type === 'textarea' && autosize ? { minHeight: 80 } : undefined}
    showWordLimit={!!showWordLimit}
    border={border}
    onChange={(e) => {
      const detail = (e as unknown as { detail: unknown }).detail;
      onChange(typeof detail === 'string' ? detail : String(detail ?? ''));
    }}
  />
);

export default Field;
