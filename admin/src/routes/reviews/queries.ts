/**
 * What 评价管理 reads and calls (supabase/migrations/20261204004000_create_reviews.sql): members read
 * their institutions' reviews and reply once (reply_review); county admins and above read their
 * region's (hidden ones too) and hide with a reason or restore (moderate_review). Visible reviews are
 * public, so the list is narrowed to the person's own institutions or regions here; RLS and the RPCs
 * remain the guard.
 */
import type { QueryData } from '@supabase/supabase-js';
import { toHttpError } from '../../lib/errors.ts';
import type { Permissions } from '../../lib/permissions.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

function fail(error: unknown): never {
  throw toHttpError(error);
}

const reviewQuery = () =>
  supabaseClient
    .from('reviews')
    .select('id,institution_id,author_label,county_code,review_year,care,safety,meals,communication,fees,body,reply,replied_at,hidden,hidden_reason,moderated_at,created_at,institution:institutions(name)');
export type ReviewRow = QueryData<ReturnType<typeof reviewQuery>>[number];

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

export async function fetchReviews(p: Permissions): Promise<ReviewRow[]> {
  const filter = reviewScopeFilter(p);
  if (!filter) return [];
  const { data, error } = await reviewQuery().or(filter).order('created_at', { ascending: false }).limit(200);
  if (error) fail(error);
  return data ?? [];
}

export async function replyReview(reviewId: string, reply: string): Promise<void> {
  const { error } = await supabaseClient.rpc('reply_review', { review: reviewId, reply });
  if (error) fail(error);
}

export async function moderateReview(reviewId: string, hide: boolean, reason?: string): Promise<void> {
  const { error } = await supabaseClient.rpc('moderate_review', { review: reviewId, hide, ...(reason ? { reason } : {}) });
  if (error) fail(error);
}
