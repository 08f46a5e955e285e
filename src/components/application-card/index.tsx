import type { FC } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApplicationView } from '@domain/api/index';
import { sourceLabelOf, STATUS_LABELS, type ApplicationStatus } from '@domain/points/application';
import { VILLAGER_STATUS } from '@domain/points/plainWords';
import { signedPoints } from '../../utils/format';
import Tag from '../vant/tag';
import './index.scss';

const STATUS_TAG: Record<ApplicationStatus, 'warning' | 'primary' | 'danger'> = {
  submitted: 'warning',
  first_reviewed: 'primary',
  returned: 'danger',
  approved: 'primary',
  rejected: 'danger',
  fraud: 'danger',
};

/** The status as a tag: the committee's word, or (plain) what happens next in a villager's words. */
export const StatusTag: FC<{ status: ApplicationStatus; plain?: boolean }> = ({ status, plain }) => (
  <View className="status-tag">
    <Tag type={STATUS_TAG[status]} round>
      {plain ? VILLAGER_STATUS[status] : STATUS_LABELS[status]}
    </Tag>
  </View>
);

/** The household's own list: the status as a sentence saying what happens next. */
const PlainStatus: FC<{ status: ApplicationStatus }> = ({ status }) => <View className={`app-card__plain app-card__plain--${STATUS_TAG[status]}`}>{VILLAGER_STATUS[status]}</View>;

interface Props {
  app: ApplicationView;
  /** Grid worker's queue: say whose household it is. */
  showHousehold?: boolean;
  /** 我的: the status in a villager's words under the item. */
  plain?: boolean;
  onClick: () => void;
}

/** One application in a list: item, points, date, status, source. */
const ApplicationCard: FC<Props> = ({ app, showHousehold, plain, onClick }) => (
  <View className="card app-card" onClick={onClick}>
    <View className="card__row">
      <Text className="app-card__item">{app.itemName}</Text>
      {plain ? null : <StatusTag status={app.status} />}
    </View>
    {plain ? <PlainStatus status={app.status} /> : null}
    <View className="card__row app-card__meta">
      <Text className="muted">
        {app.deedDate} · {sourceLabelOf(app)}
        {showHousehold ? ` · ${app.householdName}（${app.doorNo}）` : ''}
      </Text>
      <Text className={app.points >= 0 ? 'points--plus' : 'points--minus'}>{signedPoints(app.points)} 分</Text>
    </View>
  </View>
);

export default ApplicationCard;
