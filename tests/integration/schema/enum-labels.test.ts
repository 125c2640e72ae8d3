/**
 * One label per enum value: every value of every enum type in the database has exactly one Chinese
 * label in @tuoyu/domain (the UI's only home for labels), and the labels SQL itself uses in its
 * messages say the same. A new enum, a new value or a second copy of a label table fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as domain from '@tuoyu/domain';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';

/** Enum type → the domain export that labels it. */
const LABEL_TABLE: Record<string, string> = {
  article_topic: 'ARTICLE_TOPIC_LABELS',
  attendee_kind: 'ATTENDEE_KIND_LABELS',
  audit_action: 'AUDIT_ACTION_LABELS',
  calendar_day_kind: 'CALENDAR_DAY_KIND_LABELS',
  certificate_type: 'CERTIFICATE_TYPE_LABELS',
  child_sex: 'SEX_LABELS',
  class_type: 'CLASS_TYPE_LABELS',
  complaint_category: 'COMPLAINT_CATEGORY_LABELS',
  complaint_event_visibility: 'COMPLAINT_EVENT_VISIBILITY_LABELS',
  complaint_status: 'COMPLAINT_STATUS_LABELS',
  enrollment_request_kind: 'REQUEST_KIND_LABELS',
  enrollment_status: 'ENROLLMENT_STATUS_LABELS',
  consultation_mode: 'CONSULTATION_MODE_LABELS',
  event_kind: 'EVENT_KIND_LABELS',
  event_status: 'EVENT_STATUS_LABELS',
  filing_actor_kind: 'FILING_ACTOR_KIND_LABELS',
  filing_kind: 'FILING_KIND_LABELS',
  filing_status: 'FILING_STATUS_LABELS',
  guardian_relation: 'GUARDIAN_RELATION_LABELS',
  inspection_result: 'INSPECTION_RESULT_LABELS',
  inspection_status: 'INSPECTION_STATUS_LABELS',
  institution_staff_role: 'INSTITUTION_STAFF_ROLE_LABELS',
  policy_level: 'POLICY_LEVEL_LABELS',
  privacy_notice_kind: 'PRIVACY_NOTICE_KIND_LABELS',
  signup_status: 'SIGNUP_STATUS_LABELS',
  institution_status: 'INSTITUTION_STATUS_LABELS',
  institution_type: 'INSTITUTION_TYPE_LABELS',
  material_type: 'MATERIAL_LABELS',
  member_role: 'MEMBER_ROLE_LABELS',
  notice_channel: 'NOTICE_CHANNEL_LABELS',
  notice_delivery_status: 'NOTICE_DELIVERY_STATUS_LABELS',
  notice_kind: 'NOTICE_KIND_LABELS',
  operating_model: 'OPERATING_MODEL_LABELS',
  ownership: 'OWNERSHIP_LABELS',
  placement_end_reason: 'END_REASON_LABELS',
  rectification_status: 'RECTIFICATION_STATUS_LABELS',
  region_level: 'REGION_LEVEL_LABELS',
  service_type: 'SERVICE_LABELS',
  staff_role: 'ROLE_LABELS',
  target_metric: 'TARGET_METRIC_INFO',
  history_cause: 'HISTORY_CAUSE_LABELS', // issue 15 (figures)
  // issue 15 §5
  subsidy_basis: 'SUBSIDY_BASIS_LABELS',
  subsidy_kind: 'SUBSIDY_KIND_LABELS',
  subsidy_status: 'SUBSIDY_STATUS_LABELS',
};

/** Values a label table may hold beyond its enum, and why. */
const EXTRA_KEYS: Record<string, string[]> = {
  staff_role: ['operator', 'expert'], // derived from institution_members / experts.user_id, not staff scopes
};

/** The domain's label tables: `*_LABELS` exports (and the ones named above) mapping values to a label or `{ label, … }`. */
function labelTables(): Map<string, Record<string, string>> {
  const tables = new Map<string, Record<string, string>>();
  const named = new Set(Object.values(LABEL_TABLE));
  for (const [name, value] of Object.entries(domain)) {
    if (!name.endsWith('_LABELS') && !named.has(name)) continue;
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) continue;
    const labels = entries.map(([k, v]) => {
      if (typeof v === 'string') return [k, v] as const;
      if (v && typeof v === 'object' && typeof (v as { label?: unknown }).label === 'string') return [k, (v as { label: string }).label] as const;
      return undefined;
    });
    if (labels.every((l) => l !== undefined)) tables.set(name, Object.fromEntries(labels));
  }
  return tables;
}

let t: TestDatabase;
let enums: Map<string, string[]>;
beforeAll(async () => {
  t = await createTestDatabase({ seed: false });
  const { rows } = await t.db.query<{ name: string; labels: string[] }>(
    `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
       from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
      where n.nspname = 'public' group by t.typname order by t.typname`);
  enums = new Map(rows.map((r) => [r.name, r.labels]));
});
afterAll(async () => {
  await t?.drop();
});

describe('enum labels', () => {
  it('every enum of the database has a label table in @tuoyu/domain', () => {
    expect([...enums.keys()].sort()).toEqual(Object.keys(LABEL_TABLE).sort());
  });

  it('each enum value has exactly one label, in exactly one label table', () => {
    const tables = labelTables();
    for (const [type, values] of enums) {
      const name = LABEL_TABLE[type]!;
      const table = tables.get(name);
      expect(table, `${name} (labels of ${type})`).toBeDefined();
      // the table labels the values of this enum and nothing else (except the documented extras)
      expect(Object.keys(table!).filter((k) => !(EXTRA_KEYS[type] ?? []).includes(k)), name).toEqual(values);
      for (const v of values) expect(table![v]?.trim(), `${name}.${v}`).toBeTruthy();
      // no two values share a label (a list or filter would show the same word twice)
      expect(new Set(values.map((v) => table![v])).size, `${name}: distinct labels`).toBe(values.length);
      // and no second table labels all of this enum's values (one home per label)
      const copies = [...tables].filter(([, tb]) => values.every((v) => v in tb)).map(([n]) => n);
      expect(copies, `label tables covering ${type}`).toEqual([name]);
    }
  });

  it('text columns limited to a list of values are only the known ones (new ones are enums with labels)', async () => {
    const { rows } = await t.db.query<{ t: string; d: string }>(
      `select c.conrelid::regclass::text as t, pg_get_constraintdef(c.oid) as d
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where n.nspname = 'public' and c.contype = 'c' order by 1, 2`);
    const lists = rows
      .map((r) => ({ t: r.t, m: /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(r.d) }))
      .filter((r) => r.m && r.m[2]!.includes('::text'))
      .map((r) => `${r.t}.${r.m![1]}`);
    // Stays text: MIME types are IANA strings checked against the storage object's metadata and the
    // bucket's allowed_mime_types (text[]), shown to nobody as a choice or a label.
    expect(lists).toEqual([
      'filing_documents.mime_type',
    ]);
  });

  it("SQL's message labels agree with the domain's", async () => {
    const cases: Array<[string, string, Record<string, string>]> = [
      ['filing_status', 'private.filing_status_label($1::public.filing_status)', domain.FILING_STATUS_LABELS],
      ['filing_kind', 'private.filing_kind_label($1::public.filing_kind)', domain.FILING_KIND_LABELS],
      ['material_type', 'private.material_label($1)', domain.MATERIAL_LABELS],
      ['event_status', 'private.event_status_label($1::public.event_status)', domain.EVENT_STATUS_LABELS],
      ['institution_status', 'private.institution_status_label($1::public.institution_status)', domain.INSTITUTION_STATUS_LABELS],
    ];
    for (const [type, call, labels] of cases) {
      for (const v of enums.get(type)!) {
        const { rows } = await t.db.query<{ label: string }>(`select ${call} as label`, [v]);
        expect(rows[0]?.label, `${type}.${v}`).toBe(labels[v]);
      }
    }
  });
});
