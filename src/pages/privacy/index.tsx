import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button as TaroButton, Text, View } from '@tarojs/components';
import { PRIVACY_SECTIONS, PRIVACY_TITLE } from '../../constants/privacy';
import { answerPrivacy, privacyAnswerPending } from '../../services/privacy';
import Button from '../../components/vant/button';
import './index.scss';

const AGREE_ID = 'privacy-agree';

/**
 * 隐私说明: the policy in plain words, reachable from 我的申报. Opened by WeChat's privacy prompt
 * (?ask=1), it also asks for the agreement; leaving without an answer declines.
 */
export default function PrivacyPage() {
  const { params } = useRouter();
  const [asking, setAsking] = useState(params.ask === '1' && privacyAnswerPending());
  useEffect(() => () => {
    if (privacyAnswerPending()) answerPrivacy(false);
  }, []);
  const done = () => {
    setAsking(false);
    void Taro.navigateBack();
  };
  return (
    <View className="page">
      <View className="privacy__title">{PRIVACY_TITLE}</View>
      {PRIVACY_SECTIONS.map((s) => (
        <View key={s.title} className="privacy__section">
          <View className="privacy__heading">{s.title}</View>
          {s.body.map((p) => (
            <View key={p} className="privacy__para">
              <Text>{p}</Text>
            </View>
          ))}
        </View>
      ))}
      {process.env.TARO_ENV === 'weapp' ? (
        <View className="actions">
          <Button round block plain onClick={() => void Taro.openPrivacyContract({})}>
            查看《用户隐私保护指引》
          </Button>
        </View>
      ) : null}
      {asking ? (
        <View className="actions">
          <TaroButton
            id={AGREE_ID}
            className="privacy__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => {
              answerPrivacy(true, AGREE_ID);
              done();
            }}
          >
            同意并继续
          </TaroButton>
          <Button round block onClick={() => {
            answerPrivacy(false);
            done();
          }}>
            不同意
          </Button>
        </View>
      ) : null}
    </View>
  );
}
