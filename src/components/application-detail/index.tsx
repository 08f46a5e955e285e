import { View } from '@tarojs/components';
import { historyLabelOf, sourceLabelOf } from '@domain/points/application';
import { plainText, villagerHistoryOf, villagerSourceOf } from '@domain/points/plainWords';
import { UNIT_LABELS } from '@domain/catalogue/types';
import type { ApplicationView } from '@domain/api/index';
import { formatTime, signedPoints } from '../../utils/format';
import Cell from '../vant/cell';
import CellGroup from '../vant/cell-group';
import Steps from '../vant/steps';
import { StatusTag } from '../application-card';
import { PhotoGrid } from '../photos';
import './index.scss';

/**
 * Everything about one application: fields, photos (tap to preview), status and history. `plain`
 * (the application page, which villagers open): status, source and history in a villager's words,
 * no catalogue version.
 */
export default function ApplicationDetail({ app, plain }: { app: ApplicationView; plain?: boolean }) {
  const history = app.history.map((h) => ({
    text: `${(plain ? villagerHistoryOf : historyLabelOf)(app, h.action)} · ${h.actorName}`,
    desc: [formatTime(h.at), h.note && plain ? plainText(h.note) : h.note].filter(Boolean).join(' · '),
  }));
  return (
    <View>
      <View className="card">
        <View className="card__row">
          <View className="card__title">{app.itemName}</View>
          <StatusTag status={app.status} plain={plain} />
        </View>
        <View className="muted">{app.categoryName}</View>
        <View className={`detail__points ${app.points >= 0 ? 'points--plus' : 'points--minus'}`}>
          {signedPoints(app.points)} 分<View className="muted detail__unit">{UNIT_LABELS[app.unit]}</View>
        </View>
      </View>

      <View className="section-title">申报内容</View>
      <CellGroup inset>
        <Cell title="发生日期" value={app.deedDate} />
        <Cell title="地点" value={app.place} />
        <Cell title="事情经过" label={app.description} />
        <Cell title={app.subject === 'unit' ? '单位' : '户'} value={`${app.householdName}（${app.doorNo}）`} />
        {app.memberName ? <Cell title="是谁做的" value={app.memberName} /> : null}
        <Cell title="来源" value={(plain ? villagerSourceOf : sourceLabelOf)(app)} />
        <Cell title="申报人" value={app.submittedByName} />
        <Cell title="提交时间" value={formatTime(app.createdAt)} />
        {plain ? null : <Cell title="积分目录" value={`第 ${app.catalogueVersion} 版积分目录`} />}
      </CellGroup>

      <View className="section-title">照片</View>
      <View className="card">
        <PhotoGrid photos={app.photos} />
      </View>

      <View className="section-title">办理记录</View>
      <View className="card detail__history">
        <Steps steps={history} active={history.length - 1} direction="vertical" />
      </View>
    </View>
  );
}

