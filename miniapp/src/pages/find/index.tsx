import { Button, Text, View } from '@tarojs/components';
import { navigate } from '../../lib/navigation.ts';
import './index.css';

/** 找托育: the public registry search (issue 5) lands in its own subpackage; until then, say so. */
export default function FindPage() {
  return (
    <View className='page find' data-testid='find-page'>
      <View className='card find__card' data-testid='find-coming-soon'>
        <Text className='find__title'>找托育 · 即将上线</Text>
        <Text className='find__text'>
          即将支持按机构名称和距离查找已备案的托育机构，查看备案编号、班级与收费。现在可以先按地区浏览服务区域。
        </Text>
        <Button className='find__button' data-testid='find-browse-regions' onClick={() => navigate('regions')}>
          按地区浏览
        </Button>
      </View>
    </View>
  );
}
