import type { Action, IResourceItem } from '@refinedev/core';
import { RESOURCE_LABELS } from '../config/resource-labels.ts';

const SUFFIX = '托育一件事 · 管理后台';
const ACTION_LABELS: Partial<Record<Action, string>> = { show: '详情', create: '新建', edit: '编辑', clone: '复制' };

/** Browser tab titles in Chinese: "托育机构详情 | 托育一件事 · 管理后台". */
export function documentTitle({ resource, action }: { resource?: IResourceItem; action?: Action }): string {
  const label = resource ? (RESOURCE_LABELS[resource.name] ?? resource.name) : null;
  if (!label) return SUFFIX;
  const suffix = action && action !== 'list' ? (ACTION_LABELS[action] ?? '') : '';
  return `${label}${suffix} | ${SUFFIX}`;
}
