import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, labelOf, OPERATING_MODEL_LABELS, OWNERSHIP_LABELS, SERVICE_LABELS } from '@tuoyu/domain';
import { Show } from '@refinedev/antd';
import { useShow } from '@refinedev/core';
import { Descriptions, Tag } from 'antd';
import { formatDateTime } from '@tuoyu/domain';
import { QueryError } from '../../components/common/query-states.tsx';
import { INSTITUTION_SHOW_SELECT, type InstitutionRow } from './queries.ts';
import { InstitutionStatusActions } from '../accounts/institution-status.tsx';

const formatTime = (value: string | null) => formatDateTime(value);

export function InstitutionShow() {
  const { query, result: row } = useShow<InstitutionRow>({
    resource: 'institutions',
    meta: { select: INSTITUTION_SHOW_SELECT },
  });

  return (
    <Show title="托育机构详情" isLoading={query.isLoading} canEdit={false} canDelete={false}>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {!query.isLoading && !query.isError && !row && (
        <QueryError error={{ message: '未找到该机构，或您无权查看。请从机构列表进入。' }} />
      )}
      {row && (
        <Descriptions bordered column={2} data-testid="institution-detail">
          <Descriptions.Item label="机构名称" span={2}>
            <span data-testid="institution-name">{row.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label="类型">{labelOf(INSTITUTION_TYPE_LABELS, row.type)}</Descriptions.Item>
          <Descriptions.Item label="备案状态">
            <Tag color={row.status === 'filed' ? 'green' : 'default'}>{labelOf(INSTITUTION_STATUS_LABELS, row.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="备案号">{row.filing_no ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备案时间">{formatTime(row.filed_at)}</Descriptions.Item>
          <Descriptions.Item label="举办性质">{labelOf(OWNERSHIP_LABELS, row.ownership)}</Descriptions.Item>
          <Descriptions.Item label="运营模式">{labelOf(OPERATING_MODEL_LABELS, row.operating_model)}</Descriptions.Item>
          <Descriptions.Item label="普惠">{row.affordable ? <Tag color="green">普惠</Tag> : '非普惠'}</Descriptions.Item>
          <Descriptions.Item label="服务类型">
            {row.services.map((s) => labelOf(SERVICE_LABELS, s)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="提供膳食">{row.meals_served ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="开放时间">{row.opening_hours ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所在街道">{row.street?.name ?? row.street_code}</Descriptions.Item>
          <Descriptions.Item label="公开地址">{row.public_address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="详细地址">{row.site?.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="坐标（GCJ-02）">{row.site ? `${row.site.lat}, ${row.site.lng}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{row.contact_phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="更新时间">{formatTime(row.updated_at)}</Descriptions.Item>
          <Descriptions.Item label="预收费及退费规则" span={2}>
            {row.prepayment_terms ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="机构简介" span={2}>
            {row.description ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
      {row && <InstitutionStatusActions institutionId={row.id} status={row.status} />}
    </Show>
  );
}
