import type { Permissions } from '../../lib/permissions.ts';

/** PostgREST `or` conditions: the person's institutions, and the counties under their admin scopes. */
export function reviewScopeFilter(p: Permissions): string | null {
  const parts: string[] = [];
  const ids = p.memberships.map((m) => m.institutionId);
  if (ids.length > 0) parts.push(`institution_id.in.(${ids.join(',')})`);
  for (const s of p.scopes) {
    if (s.role !== 'county_admin' && s.role !== 'city_admin' && s.role !== 'province_admin') continue;
    const prefix = s.regionLevel === 'province' ? s.regionCode.slice(0, 2) : s.regionLevel === 'city' ? s.regionCode.slice(0, 4) : null;
    parts.push(prefix ? `county_code.like.${prefix}*` : `county_code.eq.${s.regionCode}`);
  }
  return parts.length > 0 ? parts.join(',') : null;
}
