import { Show } from '@refinedev/antd';
import { useShow } from '@refinedev/core';
import { Descriptions, Tag } from 'antd';
import dayjs from 'dayjs';
import { QueryError } from '../../components/common/query-states.tsx';
import {
  INSTITUTION_STATUS_LABELS,
  INSTITUTION_TYPE_LABELS,
  OPERATING_MODEL_LABELS,
  OWNERSHIP_LABELS,
  SERVICE_LABELS,
  labelOf,
} from '../../lib/labels.ts';
import { INSTITUTION_SHOW_SELECT, type InstitutionRow } from './queries.ts';

export function InstitutionShow() {
  const { query, result } = useShow<InstitutionRow>({ resource: 'institutions', meta: { select: INSTITUTION_SHOW_SELECT } });
  const row = result;

  return (
    <Show title="托育机构详情" isLoading={query.isLoading}>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {!query.isLoading && !query.isError && !row && <QueryError error={{ message: '未找到该机构，或您无权查看。' }} />}
      {row && (
        <Descriptions bordered column={2} data-testid="institution-detail">
          <Descriptions.Item label="机构名称" span={2}>
            <span data-testid="institution-name">{row.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label="类型">{labelOf(INSTITUTION_TYPE_LABELS, row.type)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color="blue">{labelOf(INSTITUTION_STATUS_LABELS, row.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="举办性质">{labelOf(OWNERSHIP_LABELS, row.ownership)}</Descriptions.Item>
          <Descriptions.Item label="运营模式">{labelOf(OPERATING_MODEL_LABELS, row.operating_model)}</Descriptions.Item>
          <Descriptions.Item label="普惠">{row.is_affordable ? <Tag color="green">普惠</Tag> : '非普惠'}</Descriptions.Item>
          <Descriptions.Item label="服务类型">
            {(row.services ?? []).map((s) => labelOf(SERVICE_LABELS, s)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="所在街道">{row.region?.name ?? row.region_code}</Descriptions.Item>
          <Descriptions.Item label="地址">{row.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="营业时间">{row.opening_hours ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="坐标（GCJ-02）">
            {row.lat != null && row.lng != null ? `${row.lat}, ${row.lng}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="更新时间">{dayjs(row.updated_at).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        </Descriptions>
      )}
    </Show>
  );
}
