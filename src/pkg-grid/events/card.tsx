import { View } from '@tarojs/components';
import { EVENT_CATEGORY_LABELS, SATISFACTION_LABELS } from '@domain/grid/records';
import type { EventListItem } from '@domain/api/events';
import { formatTime } from '../../utils/format';
import Tag from '../../components/vant/tag';
import { stateText } from './labels';

/** One event in a list: category, state, overdue, what and where. */
export default function EventCard({ e, onClick }: { e: EventListItem; onClick: () => void }) {
  return (
    <View className="card event-card" onClick={onClick}>
      <View className="card__row">
        <View className="card__title">{EVENT_CATEGORY_LABELS[e.category]}</View>
        <View className="tags">
          {e.overdue ? (
            <View className="tags__item">
              <Tag type="danger">超期</Tag>
            </View>
          ) : null}
          <View className="tags__item">
            <Tag type={e.status === 'closed' ? 'success' : 'primary'} plain>
              {stateText(e.level, e.status)}
            </Tag>
          </View>
        </View>
      </View>
      <View className="event-card__desc">{e.description}</View>
      <View className="muted">
        {e.gridName} · {e.place}
      </View>
      <View className="muted">
        {e.status === 'closed' && e.closedAt
          ? `办结于 ${formatTime(e.closedAt)}${e.satisfaction ? ` · 回访：${SATISFACTION_LABELS[e.satisfaction]}` : ' · 待回访'}`
          : `时限 ${formatTime(e.deadlineAt)}${e.handlerName ? ` · 处置人 ${e.handlerName}` : ''}`}
      </View>
    </View>
  );
}
