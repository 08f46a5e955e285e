import { useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { IMPORT_COLUMNS } from '@domain/grid/importRoster';
import type { ImportResult } from '@domain/api/grid';
import { call, isApiError } from '../../services/api';
import { showError, toastSuccess } from '../../services/feedback';
import { pickSheet, type PickedSheet } from '../../services/pickSheet';
import Button from '../../components/vant/button';
import CellGroup from '../../components/vant/cell-group';
import Field from '../../components/vant/field';
import './index.scss';

type Source = { format: 'csv' | 'xlsx'; content: string; name: string };

/** CSV and pasted text go to the grid function; an .xlsx to sheets, which carries the spreadsheet library. */
const previewOf = (src: Source) => (src.format === 'xlsx' ? call('sheets', 'importPreview', { content: src.content }) : call('grid', 'importPreview', { format: 'csv', content: src.content }));
const commitOf = (src: Source) => (src.format === 'xlsx' ? call('sheets', 'importCommit', { content: src.content }) : call('grid', 'importCommit', { format: 'csv', content: src.content }));

function Problems({ result }: { result: ImportResult }) {
  const s = result.summary;
  return (
    <View>
      {result.problems.length > 0 ? (
        <>
          <View className="section-title">发现 {result.problems.length} 处错误（全部改正后才能导入）</View>
          <View className="card">
            {result.problems.map((p, i) => (
              <View key={i} className="import__problem">
                {p.row > 0 ? `第 ${p.row} 行：` : ''}
                {p.message}
              </View>
            ))}
          </View>
        </>
      ) : (
        <>
          <View className="section-title">检查通过</View>
          <View className="card">
            <View>
              共 {s.rows} 行，{s.households} 户、{s.people} 人
            </View>
            <View className="muted">
              新增 {s.newHouseholds} 户、{s.newPeople} 人；更新 {s.changedHouseholds} 户、{s.changedPeople} 人
            </View>
            {s.grids.map((g) => (
              <View key={g.id} className="muted">
                {g.name}：{g.before} → {g.after} 户
              </View>
            ))}
          </View>
        </>
      )}
      {result.notes.map((n, i) => (
        <View key={i} className="import__note">
          第 {n.row} 行：{n.message}
        </View>
      ))}
    </View>
  );
}

/** 导入住户名册: paste or choose the roster → check every row → confirm. Nothing is written until all rows are right. */
export default function ImportPage() {
  const [text, setText] = useState('');
  const [file, setFile] = useState<PickedSheet | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const checked = useRef<Source | null>(null);

  const source = (): Source | null => (file ? file : text.trim() ? { format: 'csv', content: text, name: '粘贴的表格' } : null);

  const preview = async () => {
    const src = source();
    if (!src || busy) return;
    setBusy(true);
    try {
      const r = await previewOf(src);
      setResult(r);
      checked.current = r.problems.length === 0 ? src : null;
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    const src = checked.current;
    if (!src || busy) return;
    setBusy(true);
    try {
      const r = await commitOf(src);
      toastSuccess(`已导入 ${r.written.households} 户、${r.written.people} 人`);
      setResult(r);
      checked.current = null;
    } catch (e) {
      // Someone changed the roster in between: show the new problems.
      if (isApiError(e) && e.code === 'IMPORT_INVALID' && result) {
        const problems = (e.details?.problems as ImportResult['problems'] | undefined) ?? [];
        setResult({ ...result, problems });
        checked.current = null;
      }
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    try {
      const picked = await pickSheet();
      if (!picked) return;
      setFile(picked);
      setResult(null);
      checked.current = null;
    } catch (e) {
      showError(e);
    }
  };

  return (
    <View className="page">
      <View className="section-title">表格列</View>
      <View className="import__columns">
        {IMPORT_COLUMNS.join('、')}。每行一人；同一门牌号为一户；所在组填网格名称（如“一组”）；标签用“、”分隔。支持 CSV（UTF-8）和 .xlsx。
      </View>
      <View className="actions">
        <Button round plain onClick={() => void choose()}>
          {file ? `已选：${file.name}` : '选择文件'}
        </Button>
        {file ? (
          <Button round onClick={() => setFile(null)}>
            改为粘贴
          </Button>
        ) : null}
      </View>
      {file ? null : (
        <CellGroup inset>
          <Field
            type="textarea"
            label="粘贴表格"
            value={text}
            placeholder="从 Excel/WPS 复制整张表（含表头）粘贴到这里"
            autosize
            maxlength={-1}
            onChange={(v) => {
              setText(v);
              setResult(null);
              checked.current = null;
            }}
          />
        </CellGroup>
      )}
      <View className="actions">
        <Button type="primary" round block loading={busy} disabled={busy || (!file && !text.trim())} onClick={() => void preview()}>
          检查
        </Button>
      </View>
      {result ? <Problems result={result} /> : null}
      {result && result.problems.length === 0 && checked.current ? (
        <View className="actions">
          <Button type="primary" round block loading={busy} disabled={busy} onClick={() => void commit()}>
            确认导入
          </Button>
        </View>
      ) : null}
      {result && 'written' in result ? (
        <View className="card">
          <Text>导入完成。重复导入同一文件不会重复写入。</Text>
        </View>
      ) : null}
    </View>
  );
}
