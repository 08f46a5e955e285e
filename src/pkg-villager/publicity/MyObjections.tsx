import { call } from '../../services/api';
import { useRemote } from '../../hooks/useRemote';
import Empty from '../../components/vant/empty';
import Status from '../../components/status';
import ObjectionCard from '../../pkg-review/objections/ObjectionCard';

/** 我的异议: what I filed, where it stands (in plain words), the decision and the reason. */
export default function MyObjections() {
  const mine = useRemote(() => call('publicity', 'objections', { scope: 'mine', limit: 50 }));
  const items = mine.data?.items ?? [];
  return (
    <Status loading={mine.loading && !mine.data} error={mine.error} hasData={!!mine.data} onRetry={() => void mine.reload()}>
      {items.length === 0 ? <Empty description="您还没有提出过异议" /> : items.map((o) => <ObjectionCard key={o._id} o={o} plain />)}
    </Status>
  );
}
