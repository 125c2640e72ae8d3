import { Text, View } from '@tarojs/components';
import './index.css';

/** 我的: sign-in and the family's services come with the family features; until then, say so. */
export default function MinePage() {
  return (
    <View className='page mine' data-testid='mine-page'>
      <View className='mine__profile'>
        <View className='mine__avatar'>
          <Text>托</Text>
        </View>
        <Text className='mine__name'>家长，您好</Text>
      </View>
      <View className='card' data-testid='mine-coming-soon'>
        <Text className='mine__title'>登录与预约 · 即将上线</Text>
        <Text className='mine__text'>即将支持微信登录、托位预约、入托申请和办事进度查询。</Text>
      </View>
    </View>
  );
}
