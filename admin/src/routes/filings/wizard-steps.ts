/** The filing wizard's steps (antd Steps titles). */
export const WIZARD_STEPS = ['备案类型', '填写备案表', '上传材料', '承诺并提交'] as const;
