import { appRoutesConfig, ROUTES } from './routes.ts';

export default defineAppConfig({
  ...appRoutesConfig(),
  // 找托育机构: the fuzzy location and the map picker (declared for WeChat's privacy review)
  requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation'],
  permission: { 'scope.userFuzzyLocation': { desc: '用于查找您附近的已备案托育机构' } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: ROUTES.home.title,
    navigationBarTextStyle: 'black',
    // H5 too: Taro's navigation bar with the page title and a back (or home) button, as in WeChat
    navigationStyle: 'default',
    backgroundColor: '#f6f7f9',
  },
});
