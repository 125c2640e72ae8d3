import type { I18nProvider } from '@refinedev/core';
import { RESOURCE_LABELS } from '../config/resource-labels.ts';

/**
 * zh-CN for refine's own strings (buttons, notifications, pages) plus per-resource titles.
 * Only one locale: the admin is used by Chinese public servants.
 */
const zhCN: Record<string, string> = {
  'buttons.create': '新建',
  'buttons.save': '保存',
  'buttons.logout': '退出登录',
  'buttons.delete': '删除',
  'buttons.edit': '编辑',
  'buttons.cancel': '取消',
  'buttons.confirm': '确定要执行此操作吗？',
  'buttons.filter': '筛选',
  'buttons.clear': '清除',
  'buttons.refresh': '刷新',
  'buttons.show': '查看',
  'buttons.list': '列表',
  'buttons.undo': '撤销',
  'buttons.import': '导入',
  'buttons.clone': '复制',
  'buttons.export': '导出',
  'buttons.notAccessTitle': '您没有此操作的权限',
  'actions.list': '列表',
  'actions.create': '新建',
  'actions.edit': '编辑',
  'actions.show': '详情',
  'warnWhenUnsavedChanges': '有未保存的修改，确定离开吗？',
  'notifications.success': '操作成功',
  'notifications.error': '出错了（{{statusCode}}）',
  'notifications.undoable': '{{seconds}} 秒内可撤销',
  'notifications.createSuccess': '新建成功',
  'notifications.createError': '新建失败（{{statusCode}}）',
  'notifications.deleteSuccess': '删除成功',
  'notifications.deleteError': '删除失败（{{statusCode}}）',
  'notifications.editSuccess': '保存成功',
  'notifications.editError': '保存失败（{{statusCode}}）',
  'notifications.importProgress': '正在导入：{{processed}}/{{total}}',
  'loading': '加载中',
  'pages.error.404': '抱歉，您访问的页面不存在。',
  'pages.error.resource404': '您是否忘记在资源中配置“{{resource}}”？',
  'pages.error.backHome': '返回首页',
  'pages.error.info': '您可能忘记为“{{resource}}”添加“{{action}}”页面。',
  'pages.login.title': '登录托育一件事管理后台',
  'pages.login.signin': '登录',
  'pages.login.fields.email': '邮箱',
  'pages.login.fields.password': '密码',
  'pages.login.errors.requiredEmail': '请输入邮箱',
  'pages.login.errors.validEmail': '邮箱格式不正确',
  'pages.login.errors.requiredPassword': '请输入密码',
  'autoSave.success': '已保存',
  'autoSave.error': '自动保存失败',
  'autoSave.loading': '保存中…',
  'autoSave.idle': '等待修改',
  'documentTitle.default': '托育一件事 · 管理后台',
  'documentTitle.suffix': ' | 托育一件事',
};

for (const [resource, label] of Object.entries(RESOURCE_LABELS)) {
  zhCN[`${resource}.${resource}`] = label;
  zhCN[`${resource}.titles.list`] = label;
  zhCN[`${resource}.titles.show`] = `${label}详情`;
  zhCN[`${resource}.titles.create`] = `新建${label}`;
  zhCN[`${resource}.titles.edit`] = `编辑${label}`;
}

function interpolate(template: string, values: unknown): string {
  if (typeof values !== 'object' || values === null) return template;
  const dict = values as Record<string, unknown>;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = dict[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

export function translate(key: string, options?: unknown, defaultMessage?: string): string {
  const message = zhCN[key];
  if (message !== undefined) return interpolate(message, options);
  if (typeof options === 'string') return options;
  return defaultMessage ?? key;
}

export const i18nProvider: I18nProvider = {
  translate,
  changeLocale: () => Promise.resolve(),
  getLocale: () => 'zh-CN',
};
