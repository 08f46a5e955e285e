import { useState, type FC } from 'react';
import { View } from '@tarojs/components';
import Field from '../vant/field';
import Button from '../vant/button';
import { toast } from '../../services/feedback';
import { digitsOf, type CodeEntryProps } from './types';

/** "输入 8 位兑换码" and 查询: the way in when there is no camera (or it cannot read the code). */
const ManualEntry: FC<CodeEntryProps & { primary: boolean }> = ({ busy, onCode, primary }) => {
  const [text, setText] = useState('');
  const submit = () => {
    const code = digitsOf(text);
    if (code.length !== 8) return toast('兑换码是 8 位数字');
    onCode(code);
  };
  return (
    <View className="code-entry__manual">
      <Field
        label="兑换码"
        type="number"
        value={text}
        placeholder="输入 8 位兑换码"
        maxlength={8}
        onChange={(v) => setText(digitsOf(v))}
      />
      <View className="actions">
        <Button type="primary" plain={!primary} block round loading={busy} disabled={busy} onClick={submit}>
          查询兑换码
        </Button>
      </View>
    </View>
  );
};

export default ManualEntry;
