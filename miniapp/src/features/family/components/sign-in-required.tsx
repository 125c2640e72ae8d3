/** Shown instead of a page's content when nobody is signed in. */
import { Button, Text, View } from '@tarojs/components';
import { navigate } from '../../../lib/navigation.ts';
import './family.css';

export function SignInRequired({ what }: { what: string }) {
  return (
    <View className='family__card' data-testid='sign-in-required'>
      <Text className='family__title'>请先登录</Text>
      <Text className='family__text'>{`登录后可以${what}。`}</Text>
      <Button className='family__button' onClick={() => navigate('familyLogin')} data-testid='go-login'>去登录</Button>
    </View>
  );
}
