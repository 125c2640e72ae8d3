import type { FormRule } from 'antd';

/** What the rule needs of a zod schema (structural, so the admin does not depend on zod itself). */
type Schema = { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } };

/**
 * An antd Form rule that validates with a zod schema of @tuoyu/domain (the one home of form rules),
 * showing the schema's Chinese message. Empty inputs ('' or null) reach the schema as undefined.
 */
export function zodRule(schema: Schema, options: { required?: boolean } = {}): FormRule {
  return {
    required: options.required ?? !schema.safeParse(undefined).success,
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' || value === null ? undefined : value);
      if (!result.success) throw new Error(result.error?.issues[0]?.message ?? '格式不正确');
    },
  };
}
