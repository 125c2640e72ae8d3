/**
 * Policy authoring (supabase/migrations/20261204005100_create_policies_and_articles.sql): admins write
 * the policies of their own level and region (RLS: private.scope_codes); national ones come from the
 * platform (service role).
 */
import type { Database } from '@tuoyu/db-types';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type PolicyRow = Database['public']['Tables']['policies']['Row'];
export type PolicyInsert = Database['public']['Tables']['policies']['Insert'];
export type AmountInsert = Omit<Database['public']['Tables']['policy_subsidy_amounts']['Insert'], 'policy_id'>;

export async function fetchPolicies(): Promise<PolicyRow[]> {
  const { data, error } = await supabaseClient.from('policies').select('*').order('issued_on', { ascending: false }).limit(500);
  if (error) throw new Error(error.message);
  return (data ?? []) as PolicyRow[];
}

/** The policy and its amounts (amounts after the policy: their policy must exist for RLS). */
export async function createPolicy(policy: PolicyInsert, amounts: AmountInsert[]): Promise<PolicyRow> {
  const { data, error } = await supabaseClient.from('policies').insert(policy).select('*').single();
  if (error) throw new Error(error.message);
  const row = data as PolicyRow;
  if (amounts.length > 0) {
    const result = await supabaseClient.from('policy_subsidy_amounts').insert(amounts.map((a, i) => ({ ...a, policy_id: row.id, sort: i + 1 })));
    if (result.error) throw new Error(`政策已保存，但补贴标准保存失败：${result.error.message}`);
  }
  return row;
}

export async function setPublished(id: string, published: boolean): Promise<void> {
  const { error } = await supabaseClient.from('policies').update({ published_at: published ? new Date().toISOString() : null }).eq('id', id);
  if (error) throw new Error(error.message);
}
