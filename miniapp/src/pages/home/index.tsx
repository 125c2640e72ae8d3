import { Text, View } from '@tarojs/components';
import { navigate } from '../../lib/navigation.ts';
import type { RouteName } from '../../routes.ts';
import './index.css';

type Entry = { route: RouteName; title: string; description: string; badge?: string };

const ENTRIES: readonly Entry[] = [
  { route: 'registrySearch', title: '找托育', description: '按名称和距离查找已备案的托育机构' },
  { route: 'verify', title: '备案核验', description: '扫描或输入备案证书上的备案编号' },
  { route: 'events', title: '宣传月活动', description: '开放日、讲座、义诊：报名、候补与签到码' },
  { route: 'policies', title: '托育政策', description: '国家和本地托育政策、补贴标准查询' },
  { route: 'articles', title: '科学育儿', description: '按月龄阅读营养、睡眠、发育等育儿知识' },
  { route: 'experts', title: '专家咨询', description: '婴幼儿照护指导中心专家预约' },
  { route: 'regions', title: '行政区划', description: '按省、市、县（区）浏览服务区域' },
  { route: 'mine', title: '我的', description: '登录、预约与办事进度', badge: '即将上线' },
];

/** Stable test ids (route names may be renamed). */
const ENTRY_IDS: Partial<Record<RouteName, string>> = { registrySearch: 'find' };

export default function HomePage() {
  return (
    <View className='page home' data-testid='home-page'>
      <View className='home__hero'>
        <Text className='home__title' data-testid='home-title'>
          托育一件事
        </Text>
        <Text className='home__subtitle'>普惠托育服务 · 网上提交及时办</Text>
      </View>
      <View className='home__entries'>
        {ENTRIES.map((entry) => (
          <View
            key={entry.route}
            className='home__entry'
            data-testid={`home-entry-${ENTRY_IDS[entry.route] ?? entry.route}`}
            onClick={() => navigate(entry.route)}
          >
            <View className='home__entry-head'>
              <Text className='home__entry-title'>{entry.title}</Text>
              {entry.badge ? <Text className='home__badge'>{entry.badge}</Text> : null}
            </View>
            <Text className='home__entry-text'>{entry.description}</Text>
          </View>
        ))}
      </View>
      <Text className='home__footer'>各地卫生健康部门指导 · 数据来自托育机构备案信息</Text>
    </View>
  );
}
