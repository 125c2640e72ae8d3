import { List } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { EmptyState, QueryError } from '../../components/common/query-states.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import type { RpcRow } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

type CountRow = RpcRow<'enrollment_counts'> & { county_name?: string };

/** public.enrollment_counts: the caller's counties only (county admin and above); no child data. */
async function fetchCounts(): Promise<CountRow[]> {
  const { data, error } = await supabaseClient.rpc('enrollment_counts');
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as CountRow[];
  const codes = [...new Set(rows.map((r) => r.county_code))];
  if (codes.length === 0) return rows;
  const regions = await supabaseClient.from('regions').select('code,name').in('code', codes);
  if (regions.error) throw toHttpError(regions.error);
  const names = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
  // institutions with requests or placements first (a county has dozens without any), then by name
  const activity = (r: CountRow) => Number(r.pending) + Number(r.offered) + Number(r.placed) + Number(r.visits);
  return rows
    .map((r) => ({ ...r, county_name: names.get(r.county_code) ?? r.county_code }))
    .sort((a, b) => activity(b) - activity(a) || a.institution_name.localeCompare(b.institution_name, 'zh-CN'));
}

/** 入托统计: read-only counts of requests and placements per institution of my region. */
export function EnrollmentStatsPage() {
  return (
    <RequirePermission anyOf={['enrollment.stats']}>
      <Stats />
    </RequirePermission>
  );
}

function Stats() {
  const counts = useQuery({ queryKey: ['enrollment-stats'], queryFn: fetchCounts });
  if (counts.error) return <QueryError error={counts.error} onRetry={() => void counts.refetch()} />;
  const rows = counts.data ?? [];
  const sum = (k: 'pending' | 'offered' | 'placed' | 'visits') => rows.reduce((n, r) => n + Number(r[k]), 0);
  return (
    <List title="入托统计">
      <div data-testid="enrollment-stats" data-state={counts.isPending ? 'loading' : 'ready'}>
        {!counts.isPending && rows.length === 0 ? <EmptyState description="辖区内暂无托育机构" /> : null}
        <Table<CountRow>
          rowKey="institution_id"
          size="small"
          loading={counts.isPending}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="enrollment-stats-table"
          columns={[
            { title: '县（区）', render: (_, r) => r.county_name },
            { title: '机构', dataIndex: 'institution_name' },
            { title: '待处理申请', render: (_, r) => Number(r.pending) },
            { title: '已录取待确认', render: (_, r) => Number(r.offered) },
            { title: '在托人数', render: (_, r) => <span data-testid="enrollment-stats-placed">{Number(r.placed)}</span>, sorter: (a, b) => Number(a.placed) - Number(b.placed) },
            { title: '参观预约', render: (_, r) => Number(r.visits) },
          ]}
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{sum('pending')}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{sum('offered')}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{sum('placed')}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{sum('visits')}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
        <p style={{ color: '#888', marginTop: 12 }}>只显示数量，不含儿童个人信息。</p>
      </div>
    </List>
  );
}
