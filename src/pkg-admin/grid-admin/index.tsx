import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { admits } from '@domain/access/gate';
import { gridGates } from '@domain/grid/policy';
import type { GridNode, VillageNode } from '@domain/grid/tree';
import { call } from '../../services/api';
import { showError, toast, toastSuccess } from '../../services/feedback';
import { useRemote } from '../../hooks/useRemote';
import { route } from '../../constants/routes';
import { formatTime } from '../../utils/format';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import Popup from '../../components/vant/popup';
import Tabs from '../../components/vant/tabs';
import Empty from '../../components/vant/empty';
import VillagePicker from '../../components/village-picker';
import Status from '../../components/status';
import './index.scss';

type Household = { id: string; doorNo: string; headName: string };

/** Choose the grid a household goes to; GRID_FULL and the like come back in the server's words. */
function MovePopup({ household, grids, onClose, onMoved }: { household: Household | null; grids: GridNode[]; onClose: () => void; onMoved: () => void }) {
  const [busy, setBusy] = useState(false);
  const move = async (toGridId: string) => {
    if (!household || busy) return;
    setBusy(true);
    try {
      await call('grid', 'moveHousehold', { householdId: household.id, toGridId });
      toastSuccess('已调整');
      onMoved();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popup show={!!household} position="bottom" round closeable onClose={onClose}>
      <View className="gadmin__popup">
        <View className="gadmin__popup-title">{household ? `${household.doorNo}（户主 ${household.headName}）调整到` : ''}</View>
        {grids.map((g) => (
          <View key={g.id} className="gadmin__line">
            <Text>
              {g.name} · {g.householdCount}/{g.capacity} 户
            </Text>
            <Button size="small" round type="primary" plain disabled={busy || g.householdCount >= g.capacity} onClick={() => void move(g.id)}>
              {g.householdCount >= g.capacity ? '已满' : '移入'}
            </Button>
          </View>
        ))}
      </View>
    </Popup>
  );
}

/** A grid's households, each movable to another grid. */
function HouseholdsPopup({ grid, onClose, onMove }: { grid: GridNode | null; onClose: () => void; onMove: (h: Household) => void }) {
  const list = useRemote(() => (grid ? call('grid', 'households', { gridId: grid.id }) : Promise.resolve(null)), { deps: [grid?.id] });
  return (
    <Popup show={!!grid} position="bottom" round closeable onClose={onClose}>
      <View className="gadmin__popup">
        <View className="gadmin__popup-title">{grid?.name} 的住户</View>
        <Status loading={list.loading} error={list.error} hasData={!!list.data}>
          {list.data?.items.length === 0 ? <Empty description="没有住户" /> : null}
          {(list.data?.items ?? []).map((h) => (
            <View key={h.id} className="gadmin__line">
              <View onClick={() => void Taro.navigateTo({ url: route('roster', { householdId: h.id }) })}>
                <Text>
                  {h.doorNo} · {h.headName} · {h.memberCount} 人{h.tagged ? ' · 有关注标签' : ''}
                </Text>
              </View>
              <Button size="small" round plain onClick={() => onMove(h)}>
                调整网格
              </Button>
            </View>
          ))}
        </Status>
      </View>
    </Popup>
  );
}

/** 网格长、网格员: who serves the grid; find a villager by name and appoint them. */
function StaffPopup({ grid, onClose, onChanged }: { grid: GridNode | null; onClose: () => void; onChanged: () => void }) {
  const [name, setName] = useState('');
  const [found, setFound] = useState<{ id: string; name: string; doorNo: string | null; gridName: string | null }[] | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async () => {
    if (!name.trim()) return toast('请输入姓名');
    try {
      setFound((await call('grid', 'findPeople', { name: name.trim() })).items);
    } catch (e) {
      showError(e);
    }
  };
  const set = async (personId: string, role: 'grid_leader' | 'grid_worker', assigned: boolean) => {
    if (!grid || busy) return;
    setBusy(true);
    try {
      await call('grid', 'setRole', { gridId: grid.id, personId, role, assigned });
      toastSuccess(assigned ? '已任命' : '已免去');
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const staff = grid ? [...grid.leaders.map((p) => ({ ...p, role: 'grid_leader' as const })), ...grid.workers.map((p) => ({ ...p, role: 'grid_worker' as const }))] : [];
  return (
    <Popup
      show={!!grid}
      position="bottom"
      round
      closeable
      onClose={() => {
        setFound(null);
        setName('');
        onClose();
      }}
    >
      <View className="gadmin__popup">
        <View className="gadmin__popup-title">{grid?.name} 网格长、网格员</View>
        {staff.length === 0 ? <View className="muted">尚未任命</View> : null}
        {staff.map((p) => (
          <View key={`${p.id}-${p.role}`} className="gadmin__line">
            <Text>
              {p.name} · {p.role === 'grid_leader' ? '网格长' : '网格员'}
            </Text>
            <Button size="small" round type="danger" plain disabled={busy} onClick={() => void set(p.id, p.role, false)}>
              免去
            </Button>
          </View>
        ))}
        <View className="section-title">任命本村村民</View>
        <CellGroup inset>
          <Field label="姓名" value={name} placeholder="输入村民姓名查找" maxlength={20} onChange={setName} />
        </CellGroup>
        <View className="actions">
          <Button size="small" round onClick={() => void search()}>
            查找
          </Button>
        </View>
        {found && found.length === 0 ? <View className="muted">本村没有叫这个名字的村民</View> : null}
        {(found ?? []).map((p) => (
          <View key={p.id} className="gadmin__line">
            <Text>
              {p.name} · {p.gridName ?? '未划网格'} {p.doorNo ?? ''}
            </Text>
            <View className="gadmin__buttons">
              <View className="gadmin__button">
                <Button size="mini" round type="primary" plain disabled={busy} onClick={() => void set(p.id, 'grid_leader', true)}>
                  设为网格长
                </Button>
              </View>
              <Button size="mini" round type="primary" plain disabled={busy} onClick={() => void set(p.id, 'grid_worker', true)}>
                设为网格员
              </Button>
            </View>
          </View>
        ))}
      </View>
    </Popup>
  );
}

function GridCard({ g, editable, onRename, onStaff, onHouseholds }: { g: GridNode; editable: boolean; onRename: () => void; onStaff: () => void; onHouseholds: () => void }) {
  return (
    <View className="card">
      <View className="card__row">
        <Text className="card__title">{g.name}</Text>
        <Text className={g.overCap ? 'points--minus' : 'muted'}>
          {g.householdCount}/{g.capacity} 户
        </Text>
      </View>
      <View className="muted">
        网格长：{g.leaders.map((p) => p.name).join('、') || '无'} · 网格员：{g.workers.map((p) => p.name).join('、') || '无'}
      </View>
      {g.flags.map((f) => (
        <View key={f} className="gadmin__flag">
          {f}
        </View>
      ))}
      {editable ? (
        <View className="gadmin__buttons">
          <View className="gadmin__button">
            <Button size="small" round plain onClick={onHouseholds}>
              住户
            </Button>
          </View>
          <View className="gadmin__button">
            <Button size="small" round plain onClick={onStaff}>
              网格长/员
            </Button>
          </View>
          <View className="gadmin__button">
            <Button size="small" round plain onClick={onRename}>
              改名
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

function NameForm({ title, initial, onSave, onCancel }: { title: string; initial: string; onSave: (name: string) => Promise<void>; onCancel?: () => void }) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <View>
      <CellGroup inset>
        <Field label={title} value={name} placeholder="如：青山村四组" maxlength={20} onChange={setName} />
      </CellGroup>
      <View className="actions">
        {onCancel ? (
          <Button size="small" round onClick={onCancel}>
            取消
          </Button>
        ) : null}
        <Button
          size="small"
          round
          type="primary"
          loading={busy}
          disabled={busy}
          onClick={() => {
            if (name.trim().length < 2) return toast('网格名称 2–20 个字');
            setBusy(true);
            void onSave(name.trim())
              .then(() => setName(''))
              .catch(showError)
              .finally(() => setBusy(false));
          }}
        >
          保存
        </Button>
      </View>
    </View>
  );
}

function VillageView({ v, editable, reload }: { v: VillageNode; editable: boolean; reload: () => void }) {
  const [moving, setMoving] = useState<Household | null>(null);
  const [staffOf, setStaffOf] = useState<string | null>(null);
  const [householdsOf, setHouseholdsOf] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const grid = (id: string | null) => v.grids.find((g) => g.id === id) ?? null;
  return (
    <View>
      <View className="section-title">
        {v.name} · {v.grids.length} 个网格 · {v.householdCount} 户
      </View>
      <View className="card">
        {v.flags.length === 0 ? <View className="gadmin__ok">不漏户、不漏人：每户都在网格内，网格均未超员</View> : null}
        {v.flags.map((f) => (
          <View key={f} className="gadmin__flag">
            {f}
          </View>
        ))}
      </View>
      {v.unassigned.length > 0 ? (
        <View className="card">
          <View className="card__title">未划网格的住户</View>
          {v.unassigned.map((h) => (
            <View key={h.id} className="gadmin__line">
              <Text>
                {h.doorNo} · 户主 {h.headName}
              </Text>
              {editable ? (
                <Button size="small" round type="primary" plain onClick={() => setMoving(h)}>
                  划入网格
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      {v.grids.map((g) =>
        renaming === g.id ? (
          <NameForm
            key={g.id}
            title="新名称"
            initial={g.name}
            onCancel={() => setRenaming(null)}
            onSave={async (name) => {
              await call('grid', 'renameGrid', { gridId: g.id, name });
              toastSuccess('已改名');
              setRenaming(null);
              reload();
            }}
          />
        ) : (
          <GridCard key={g.id} g={g} editable={editable} onRename={() => setRenaming(g.id)} onStaff={() => setStaffOf(g.id)} onHouseholds={() => setHouseholdsOf(g.id)} />
        ),
      )}
      {editable ? (
        <>
          <View className="section-title">新建网格</View>
          <NameForm
            title="网格名称"
            initial=""
            onSave={async (name) => {
              await call('grid', 'createGrid', { name });
              toastSuccess('已新建');
              reload();
            }}
          />
        </>
      ) : null}
      <MovePopup
        household={moving}
        grids={v.grids}
        onClose={() => setMoving(null)}
        onMoved={() => {
          setMoving(null);
          setHouseholdsOf(null);
          reload();
        }}
      />
      <HouseholdsPopup grid={grid(householdsOf)} onClose={() => setHouseholdsOf(null)} onMove={(h) => setMoving(h)} />
      <StaffPopup grid={grid(staffOf)} onClose={() => setStaffOf(null)} onChanged={reload} />
    </View>
  );
}

/** 隐私查看记录: who opened which tagged household's detail. */
function PrivacyLog() {
  const log = useRemote(() => call('grid', 'privacyLog', {}));
  return (
    <Status loading={log.loading} error={log.error} hasData={!!log.data} onRetry={() => void log.reload()}>
      {log.data?.items.length === 0 ? <Empty description="还没有查看记录" /> : null}
      <View className="card">
        {(log.data?.items ?? []).map((r) => (
          <View key={r.id} className="gadmin__line">
            <Text>
              {r.readerName}（{r.readerRole === 'town_admin' ? '镇' : '村两委'}）查看 {r.gridName} {r.doorNo}
            </Text>
            <Text className="muted">{formatTime(r.at)}</Text>
          </View>
        ))}
      </View>
    </Status>
  );
}

/** 网格管理: the grid tree with 不漏户 flags; the village admin edits it, the town admin reads every village. */
export default function GridAdminPage() {
  const me = useRemote(() => call('identity', 'whoami', {}));
  const tree = useRemote(() => call('grid', 'tree', {}), { auto: false });
  const [tab, setTab] = useState(0);
  const [villageId, setVillageId] = useState<string | null>(null);
  useDidShow(() => void tree.reload());
  const editable = !!me.data && admits(gridGates.admin, { roles: me.data.roles, householdId: me.data.household?.id ?? null });
  const villages = tree.data?.villages ?? [];
  const shown = villages.find((v) => v.id === villageId) ?? villages[0];
  return (
    <View className="page">
      {editable ? <Tabs titles={['网格', '隐私查看记录']} active={tab} onChange={setTab} /> : null}
      {tab === 1 && editable ? (
        <PrivacyLog />
      ) : (
        <Status loading={tree.loading} error={tree.error} hasData={!!tree.data} onRetry={() => void tree.reload()}>
          {villages.length > 1 ? <VillagePicker value={shown?.id ?? null} onChange={setVillageId} /> : null}
          {shown ? <VillageView v={shown} editable={editable} reload={() => void tree.reload()} /> : null}
        </Status>
      )}
    </View>
  );
}
