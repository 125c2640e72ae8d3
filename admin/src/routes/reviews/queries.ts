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
import { reviewScopeFilter } from './scope.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

function fail(error: unknown): never {
  throw toHttpError(error);
}

const reviewQuery = () =>
  supabaseClient
    .from('reviews')
    .select('id,institution_id,author_label,county_code,review_year,care,safety,meals,communication,fees,body,reply,replied_at,hidden,hidden_reason,moderated_at,created_at,institution:institutions(name)');
export type ReviewRow = QueryData<ReturnType<typeof reviewQuery>>[number];

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
