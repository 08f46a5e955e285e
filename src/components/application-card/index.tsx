import type { FC } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApplicationView } from '@domain/api/index';
import { SOURCE_LABELS, STATUS_LABELS, type ApplicationStatus } from '@domain/points/application';
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

export const StatusTag: FC<{ status: ApplicationStatus }> = ({ status }) => (
  <View className="status-tag">
    <Tag type={STATUS_TAG[status]} round>
      {STATUS_LABELS[status]}
    </Tag>
  </View>
);

interface Props {
  app: ApplicationView;
  /** Grid worker's queue: say whose household it is. */
  showHousehold?: boolean;
  onClick: () => void;
}

/** One application in a list: item, points, date, status, source. */
const ApplicationCard: FC<Props> = ({ app, showHousehold, onClick }) => (
  <View className="card app-card" onClick={onClick}>
    <View className="card__row">
      <Text className="app-card__item">{app.itemName}</Text>
      <StatusTag status={app.status} />
    </View>
    <View className="card__row app-card__meta">
      <Text className="muted">
        {app.deedDate} · {SOURCE_LABELS[app.source]}
        {showHousehold ? ` · ${app.householdName}（${app.doorNo}）` : ''}
      </Text>
      <Text className={app.points >= 0 ? 'points--plus' : 'points--minus'}>{signedPoints(app.points)} 分</Text>
    </View>
  </View>
);

export default ApplicationCard;
