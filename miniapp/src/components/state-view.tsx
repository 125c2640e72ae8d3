/** Loading / empty / error states shared by every page, in Chinese, with stable test ids. */
import { Button, Text, View } from '@tarojs/components';
import './state-view.css';

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state-view' data-testid='state-loading'>
      <View className='state-view__spinner' />
      <Text className='state-view__text'>{text}</Text>
    </View>
  );
}

export function EmptyState({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className='state-view' data-testid='state-empty'>
      <Text className='state-view__title'>{text}</Text>
      {hint ? <Text className='state-view__text'>{hint}</Text> : null}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state-view state-view--error' data-testid='state-error'>
      <Text className='state-view__title'>加载失败</Text>
      <Text className='state-view__text' data-testid='state-error-message'>
        {message}
      </Text>
      {onRetry ? (
        <Button className='state-view__retry' size='mini' onClick={onRetry} data-testid='state-retry'>
          重试
        </Button>
      ) : null}
    </View>
  );
}
