import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { watchPrivacyPrompts } from './services/privacy';
import './app.scss';

if (process.env.TARO_ENV === 'weapp') {
  // Once per launch; identity is the OPENID CloudBase adds to every call.
  Taro.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true });
  watchPrivacyPrompts();
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
