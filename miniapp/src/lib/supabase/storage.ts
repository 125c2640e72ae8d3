/** auth-js session storage on Taro storage (wx.setStorageSync in WeChat, localStorage on H5). */
import Taro from '@tarojs/taro';

export const taroStorage = {
  getItem(key: string): string | null {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : null;
  },
  setItem(key: string, value: string): void {
    Taro.setStorageSync(key, value);
  },
  removeItem(key: string): void {
    Taro.removeStorageSync(key);
  },
};
