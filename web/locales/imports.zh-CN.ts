/** Words of the roster import page (会员导入). */
export const memberImports = {
  menu: '会员导入',
  pageTitle: '会员名册导入',
  intro:
    '按模板整理会员名册（.xlsx，也可上传 CSV），上传后系统逐行校验：先看校验结果，下载错误报告改正后可重新上传，确认无误再提交。一个文件最多 200,000 行。',
  template: '下载导入模板',
  targetLabel: '导入到',
  targetPlaceholder: '选择工会（表格有“所属工会”列时可不选）',
  dragTitle: '点击或将文件拖到这里上传',
  dragHint: '支持 Excel 工作簿（.xlsx）和 CSV；身份证号列请设置为“文本”格式',
  uploading: (percent: number) => `正在上传 ${percent}%`,
  validating: (rows: number) => (rows > 0 ? `正在校验，已检查 ${rows.toLocaleString('zh-CN')} 行…` : '正在校验…'),
  previewTitle: (fileName: string) => `校验结果：${fileName}`,
  total: '数据行',
  valid: '可导入',
  invalid: '有错误',
  allValid: '全部行都通过了校验，可以提交导入。',
  someInvalid: (invalid: number) =>
    `有 ${invalid.toLocaleString('zh-CN')} 行未通过校验，提交时只导入通过校验的行；也可以下载错误报告，改正后重新上传。`,
  noneValid: '没有可导入的行。请下载错误报告，按“错误原因”改正后重新上传。',
  errorsShown: (shown: number, all: number) =>
    `显示前 ${shown} 条错误，共 ${all.toLocaleString('zh-CN')} 条；完整列表见错误报告。`,
  row: '行号',
  column: '列',
  reason: '错误原因',
  report: '下载错误报告',
  commit: (valid: number) => `提交导入 ${valid.toLocaleString('zh-CN')} 名会员`,
  commitConfirm: (valid: number) => `确认将 ${valid.toLocaleString('zh-CN')} 名会员登记到会员名册？提交后会员即生效。`,
  committing: (done: number, total: number) =>
    total > 0 ? `正在提交，已处理 ${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 行…` : '正在提交…',
  committed: (added: number, skipped: number) =>
    skipped > 0
      ? `已导入 ${added.toLocaleString('zh-CN')} 名会员；${skipped} 人在校验后已由其他途径登记，已跳过`
      : `已导入 ${added.toLocaleString('zh-CN')} 名会员`,
  another: '继续上传其他文件',
  historyTitle: '导入记录',
  historyEmpty: '还没有导入记录',
  fileName: '文件',
  union: '导入到',
  status: '状态',
  counts: '行数（可导入 / 有错误）',
  added: '新增会员',
  createdBy: '上传人',
  createdAt: '上传时间',
  continueCommit: '提交',
  viewErrors: '错误明细',
  errorsTitle: (fileName: string) => `错误明细：${fileName}`,
};
