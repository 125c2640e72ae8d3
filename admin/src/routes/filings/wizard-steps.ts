import type { FilingKind } from '@tuoyu/domain';

export type WizardStep = 'kind' | 'form' | 'changes' | 'materials' | 'submit';

const TITLES: Record<WizardStep, string> = {
  kind: '备案类型',
  form: '填写备案表',
  changes: '变更事项',
  materials: '上传材料',
  submit: '承诺并提交',
};

/** The filing wizard's steps for a kind (a 变更备案 proposes the new values in 「变更事项」). */
export function wizardSteps(kind: FilingKind | undefined): { key: WizardStep; title: string }[] {
  const keys: WizardStep[] = kind === 'change' ? ['kind', 'form', 'changes', 'materials', 'submit'] : ['kind', 'form', 'materials', 'submit'];
  return keys.map((key) => ({ key, title: TITLES[key] }));
}
