/**
 * What 补贴标准 reads and writes (supabase/migrations/20261204015100_edit_subsidy_rules.sql).
 * effective_subsidy_rules resolves the rules in force (own or inherited) as the computation does;
 * writes go to subsidy_rules, where row security and a trigger decide (Chinese errors).
 */
import type { Database, RpcRow, TablesInsert } from '../../lib/db.ts';
import { fail } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type EffectiveRule = RpcRow<'effective_subsidy_rules'>;
export type RuleValues = Required<Pick<TablesInsert<'subsidy_rules'>,
  'kind' | 'class_type' | 'amount_yuan' | 'requires_affordable' | 'requires_filed' | 'min_months' | 'basis'>>;
export type RegionOption = { code: string; name: string; level: Database['public']['Enums']['region_level'] };

export async function fetchEffectiveRules(region: string, year: number): Promise<EffectiveRule[]> {
  const { data, error } = await supabaseClient.rpc('effective_subsidy_rules', { region_code: region, year });
  if (error) fail(error);
  return data ?? [];
}

/** The regions an admin may pick: their scopes' provinces, cities and counties and the level below. */
export async function fetchRuleRegions(scopeCodes: string[]): Promise<RegionOption[]> {
  if (scopeCodes.length === 0) return [];
  const levels = ['province', 'city', 'county'] as const;
  const [own, below] = await Promise.all([
    supabaseClient.from('regions').select('code,name,level').in('code', scopeCodes).in('level', levels).order('code'),
    supabaseClient.from('regions').select('code,name,level').in('parent_code', scopeCodes).in('level', levels).order('code'),
  ]);
  if (own.error) fail(own.error);
  if (below.error) fail(below.error);
  return [...(own.data ?? []), ...(below.data ?? [])];
}

export async function insertRule(region: string, year: number, values: RuleValues): Promise<void> {
  const { error } = await supabaseClient.from('subsidy_rules').insert({ region_code: region, year, ...values });
  if (error) fail(error);
}

/** Amounts and conditions only: region, year, kind and class type are the rule's identity. */
export async function updateRule(id: number, values: Omit<RuleValues, 'kind' | 'class_type'>): Promise<void> {
  const { data, error } = await supabaseClient.from('subsidy_rules').update(values).eq('id', id).select('id');
  if (error) fail(error);
  if (!data?.length) fail({ code: '42501', message: '没有修改该补贴标准的权限，或该标准已被停用' });
}

/** 停用: the rule is deleted; the region falls back to the next level's set of that kind. */
export async function endRule(id: number): Promise<void> {
  const { data, error } = await supabaseClient.from('subsidy_rules').delete().eq('id', id).select('id');
  if (error) fail(error);
  if (!data?.length) fail({ code: '42501', message: '没有停用该补贴标准的权限，或该标准已被停用' });
}
