import { appRoutesConfig, ROUTES } from './routes.ts';

export default defineAppConfig({
  ...appRoutesConfig(),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: ROUTES.home.title,
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f7f9',
  },
});
