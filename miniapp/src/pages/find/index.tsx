import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { navigate } from '../../lib/navigation.ts';
import './index.css';

/**
 * 找托育 (tab, main package): a thin entry. The search itself — by name and distance, filters,
 * results — lives in the registry subpackage so the main package stays small.
 */
export default function FindPage() {
  const [query, setQuery] = useState('');
  const search = () => navigate('registrySearch', query.trim() ? { q: query.trim() } : undefined);

  return (
    <View className='page find' data-testid='find-page'>
      <View className='card'>
        <Text className='find__title'>找托育机构</Text>
        <Text className='find__text'>查找已备案的托育机构：按名称搜索，或按离您的距离排序，可筛选普惠、托育类型和孩子月龄。</Text>
        <Input
          className='find__input'
          data-testid='find-query'
          placeholder='输入机构名称（可不填）'
          value={query}
          confirmType='search'
          onInput={(event) => setQuery(event.detail.value)}
          onConfirm={search}
        />
        <Button className='find__button' data-testid='find-search' onClick={search}>
          开始查找
        </Button>
      </View>
      <View className='card find__secondary' data-testid='find-browse-regions' onClick={() => navigate('regions')}>
        <Text className='find__secondary-title'>按地区浏览</Text>
        <Text className='find__secondary-text'>省、市、县（区）服务区域 ›</Text>
      </View>
    </View>
  );
}
