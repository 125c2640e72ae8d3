import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { errorMessage } from '@tuoyu/domain';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { REGION_CODE, useChildRegions, type RegionItem } from '../../api/use-child-regions.ts';
import { RegionList } from '../../components/region-list.tsx';
import './index.css';

/** 行政区划: provinces, or the children of the region in `?parent=<code>&name=<name>`. */
export default function RegionListPage() {
  const { parent, name } = useRouteParams('regions');
  const parentCode = parent ?? null;
  const validParent = parentCode === null || REGION_CODE.test(parentCode);
  const regions = useChildRegions(parentCode);

  Taro.useLoad(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name });
  });

  // a street is the last level: its filed institutions, in the registry search
  const open = (region: RegionItem) =>
    region.level === 'street'
      ? navigate('registrySearch', { street: region.code, place: `${name ?? ''}${region.name}` })
      : navigate('regions', { parent: region.code, name: region.name });

  let body;
  if (!validParent) body = <ErrorState message='地区代码无效，请返回上一页重新选择' />;
  else if (regions.isPending) body = <LoadingState text='正在加载行政区划…' />;
  else if (regions.isError) body = <ErrorState message={errorMessage(regions.error, { reading: true })} onRetry={() => void regions.refetch()} />;
  else if (regions.data.length === 0) body = <EmptyState text='暂无下级区划' hint={name ? `${name}没有可浏览的下级区划` : undefined} />;
  else body = <RegionList regions={regions.data} onOpen={open} />;

  return (
    <View className='page regions' data-testid='regions-page'>
      <View className='regions__header'>
        <Text className='regions__heading' data-testid='regions-heading'>
          {name ?? '全国'}
        </Text>
        <Text className='regions__hint'>{parentCode ? '选择下级区划，到街道（乡镇）查看托育机构' : '选择省份查看下级区划'}</Text>
      </View>
      {body}
    </View>
  );
}
