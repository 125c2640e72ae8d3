import { Alert, Button, Empty } from 'antd';

/** The Chinese error banner every list/show page uses (message already Chinese, see lib/errors). */
export function QueryError({ error, onRetry }: { error: { message?: string } | null | undefined; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="query-error"
      message="数据加载失败"
      description={error?.message || '请稍后重试；如果问题持续，请联系系统管理员。'}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export function EmptyState({ description }: { description: string }) {
  return <Empty data-testid="empty-state" image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}
