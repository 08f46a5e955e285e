import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { startOutbox } from './services/outbox';
import { watchPrivacyPrompts } from './services/privacy';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  // Once per launch; identity is the OPENID CloudBase adds to every call.
  Taro.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true });
  watchPrivacyPrompts();
}

// 待发送: submissions kept on the phone are retried from launch on.
startOutbox();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
