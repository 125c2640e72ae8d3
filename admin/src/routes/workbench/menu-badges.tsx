import type { ResourceProps } from '@refinedev/core';
import { Badge } from 'antd';
import type { ReactNode } from 'react';
import { badgeCounts } from './kinds.ts';
import { useWorkItems } from './queries.ts';

/** The count of what waits behind one menu entry (the same query as the 工作台). */
function MenuBadge({ resource, children }: { resource: string; children: ReactNode }) {
  const work = useWorkItems();
  const rows = work.data ?? [];
  const count =
    resource === 'workbench' ? rows.reduce((sum, r) => sum + r.total, 0) : (badgeCounts(rows).get(resource) ?? 0);
  return (
    <span data-testid={`menu-badge-${resource}`} data-count={count}>
      <Badge count={count} size="small" offset={[-14, -2]} overflowCount={99}>
        {children}
      </Badge>
    </span>
  );
}

/** Menu entries with their badge on the icon's top-left corner (so it never covers the label, and shows in the collapsed menu too). */
export function withMenuBadges(list: ResourceProps[]): ResourceProps[] {
  return list.map((r) =>
    r.meta?.icon ? { ...r, meta: { ...r.meta, icon: <MenuBadge resource={r.name}>{r.meta.icon}</MenuBadge> } } : r,
  );
}
