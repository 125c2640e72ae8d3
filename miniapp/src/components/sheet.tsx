/** A bottom sheet over the page (filters, pickers): a title, a close button, its content. */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './sheet.css';

export function Sheet(props: { open: boolean; title: string; onClose: () => void; testId: string; children: ReactNode }) {
  if (!props.open) return null;
  return (
    <View className='sheet' data-testid={props.testId}>
      <View className='sheet__backdrop' onClick={props.onClose} />
      <View className='sheet__panel'>
        <View className='sheet__head'>
          <Text className='sheet__title'>{props.title}</Text>
          <Text className='sheet__close' data-testid={`${props.testId}-close`} onClick={props.onClose}>
            关闭
          </Text>
        </View>
        <View className='sheet__body'>{props.children}</View>
      </View>
    </View>
  );
}
