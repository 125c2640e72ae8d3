import { Text, View } from '@tarojs/components';
import { POLICY_LEVEL_LABELS, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useRouteParams } from '../../../../lib/navigation.ts';
import { usePolicy } from '../../api/use-policies.ts';
import '../../../content.css';
import { formatDate } from '@tuoyu/domain';

/** 政策详情: dates, full text; a 补贴 policy's amounts as a table. */
export default function PolicyDetailPage() {
  const { id } = useRouteParams('policy');
  const policy = usePolicy(id);
  if (!id) return <ErrorState message='链接无效：缺少政策编号' />;
  if (policy.isPending) return <LoadingState text='正在加载政策…' />;
  if (policy.isError) return <ErrorState message={errorMessage(policy.error, { reading: true })} onRetry={() => void policy.refetch()} />;
  const p = policy.data;
  if (!p) return <EmptyState text='未找到该政策' />;
  const amounts = p.policy_subsidy_amounts;
  return (
    <View className='page content-page' data-testid='policy-page'>
      <View className='content-card'>
        <Text className='content-tag'>{POLICY_LEVEL_LABELS[p.level]}</Text>
        <Text className='content-title'>{p.title}</Text>
        <Text className='content-muted'>{`发文机关：${p.issuing_body}`}</Text>
        {p.document_no ? <Text className='content-muted'>{`文号：${p.document_no}`}</Text> : null}
        <Text className='content-muted'>{`发布：${formatDate(p.issued_on)}${p.effective_on ? ` · 施行：${formatDate(p.effective_on)}` : ''}${p.expires_on ? ` · 有效期至：${formatDate(p.expires_on)}` : ''}`}</Text>
      </View>
      {amounts.length > 0 ? (
        <View className='content-card' data-testid='policy-amounts'>
          <Text className='content-title'>补贴标准</Text>
          <View className='content-table'>
            {amounts.map((a) => (
              <View key={a.item} className='content-table__row' data-testid='policy-amount'>
                <Text className='content-table__cell'>{a.note ? `${a.item}（${a.note}）` : a.item}</Text>
                <Text className='content-table__cell content-table__cell--amount'>{`${Number(a.amount_yuan)} ${a.unit}`}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className='content-card'>
        {p.summary ? <Text className='content-text'>{p.summary}</Text> : null}
        <Text className='content-text' data-testid='policy-body'>{p.body || '全文请见附件'}</Text>
      </View>
    </View>
  );
}
