import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { TodoCount, TodoKind, Workbench } from '@domain/api/identity';
import { route, type PageName } from '../../../constants/routes';
import iconReview from '../../../assets/icons/review.png';
import iconEvents from '../../../assets/icons/events.png';
import iconOverdue from '../../../assets/icons/overdue.png';
import iconSign from '../../../assets/icons/sign.png';
import iconObjections from '../../../assets/icons/objections.png';
import iconVetoes from '../../../assets/icons/vetoes.png';
import iconScan from '../../../assets/icons/scan.png';
import iconVillages from '../../../assets/icons/villages.png';

/** What each count is called, where tapping it goes, and its icon. */
const TODO: Record<TodoKind, { label: string; unit: string; page: PageName; query?: Record<string, string>; icon: string; done: string }> = {
  firstReview: { label: '待初审申报', unit: '件', page: 'grid', icon: iconReview, done: '初审已清' },
  events: { label: '待处理事件', unit: '件', page: 'events', icon: iconEvents, done: '没有待办事件' },
  eventsOverdue: { label: '已超期事件', unit: '件', page: 'events', query: { filter: 'overdue' }, icon: iconOverdue, done: '没有超期' },
  sign: { label: '待我签字评议', unit: '件', page: 'audit', icon: iconSign, done: '评议已签完' },
  objections: { label: '待处理异议', unit: '件', page: 'objections', icon: iconObjections, done: '没有异议' },
  vetoes: { label: '待会签否决', unit: '件', page: 'veto', icon: iconVetoes, done: '没有待会签' },
  scannedToday: { label: '今日已扫码兑换', unit: '笔', page: 'cashier', icon: iconScan, done: '今日还没有兑换' },
  lateVillages: { label: '评议逾期的村', unit: '个', page: 'audit', icon: iconVillages, done: '各村按时评议' },
};

/** Counts that are work waiting (red when > 0); today's scans are a tally, not a to-do. */
const isTally = (k: TodoKind) => k === 'scannedToday';

function TodoCard({ item }: { item: TodoCount }) {
  const t = TODO[item.kind];
  const urgent = item.count > 0 && !isTally(item.kind);
  return (
    <View
      className={`todo__item${urgent ? ' todo__item--urgent' : ''}`}
      data-todo={item.kind}
      onClick={() => void Taro.navigateTo({ url: route(t.page, t.query) })}
    >
      <Image className="todo__icon" src={t.icon} />
      <View className="todo__text">
        <View className="todo__label">{t.label}</View>
        <View className="todo__count">
          <Text className="todo__figure">{item.count}</Text>
          <Text className="todo__unit"> {t.unit}</Text>
        </View>
      </View>
    </View>
  );
}

/** 工作台: the person's to-dos with counts, first on 首页. */
export default function Todos({ wb }: { wb: Workbench }) {
  if (wb.items.length === 0) return null;
  const waiting = wb.items.filter((i) => !isTally(i.kind)).reduce((n, i) => n + i.count, 0);
  return (
    <View className="todo">
      <View className="section-title">待办{waiting > 0 ? `（共 ${waiting} 件）` : '（都办完了）'}</View>
      <View className="todo__grid">
        {wb.items.map((i) => (
          <TodoCard key={i.kind} item={i} />
        ))}
      </View>
    </View>
  );
}
