/**
 * Message catalogue keyed by rule id: the finding's explanation in Chinese and
 * English, and each rule's title (for settings and docs). {name} is a parameter.
 */
import type { Locale, Params } from './types';

interface Entry {
  title: [zh: string, en: string];
  message: [zh: string, en: string];
}

export const MESSAGES: Record<string, Entry> = {
  'FORM-000': {
    title: ['疑似绩效目标表但无法识别', 'Looks like a form but cannot be read'],
    message: [
      '本表像是绩效目标表，但无法按任何已知格式读取：缺少{missing}。请核对表头文字，或在配置中指定格式（layout）。',
      'This looks like a performance-target form but matches no known layout: {missingEn} not found. Check the labels, or set the layout in the configuration.',
    ],
  },
  'FORM-004': {
    title: ['工作表名称 Excel 不接受', 'Sheet name Excel does not accept'],
    message: ['{reason}：Excel 打开或另存此文件时可能出错，请给工作表改名。', '{reasonEn}: Excel may fail to open or save this file; rename the sheet.'],
  },
  'FORM-001': {
    title: ['表格缺少必备部分', 'Form lacks a required part'],
    message: ['本表（{family}）缺少“{part}”一栏，无法按该格式读取。', 'The form ({familyEn}) has no “{partEn}” part, so it cannot be read in that layout.'],
  },
  'FORM-002': {
    title: ['指标表头列缺失或顺序错误', 'Indicator header columns missing or out of order'],
    message: [
      '指标表头应有 {columns}；{problem}。',
      'The indicator header must have {columnsEn}; {problemEn}.',
    ],
  },
  'FORM-003': {
    title: ['指标表没有指标行', 'Indicator table has no rows'],
    message: ['指标表头下方没有任何指标行。', 'There are no indicator rows under the indicator header.'],
  },
  'CODE-001': {
    title: ['项目编码为空', 'Project code is empty'],
    message: ['项目编码未填写。', 'The project code (项目编码) is empty.'],
  },
  'CODE-002': {
    title: ['项目编码格式不符', 'Project code has the wrong shape'],
    message: [
      '项目编码“{code}”不符合格式：6位区划码+2位年度+P+11位数字+1位校验码，共21位。{hint}',
      'Project code “{code}” does not have the shape 6-digit division + 2-digit year + P + 11 digits + 1 check character (21 characters). {hintEn}',
    ],
  },
  'CODE-003': {
    title: ['项目编码校验码不符', 'Project code check character does not match'],
    message: [
      '项目编码“{code}”的校验码不符（应为“{expected}”）。请核对编码；如确认无误，可在设置中关闭此规则。',
      'The check character of project code “{code}” does not match (expected “{expected}”). Check the code; if it is right, switch this rule off in the settings.',
    ],
  },
  'CODE-004': {
    title: ['项目编码重复', 'Duplicate project code'],
    message: ['项目编码“{code}”与 {first} 的项目重复。', 'Project code “{code}” is already used by the form at {first}.'],
  },
  'NAME-001': {
    title: ['项目名称为空', 'Project name is empty'],
    message: ['项目名称未填写。', 'The project name (项目名称) is empty.'],
  },
  'NAME-002': {
    title: ['项目名称重复', 'Duplicate project name'],
    message: ['项目名称“{name}”与 {first} 的项目重复。', 'Project name “{name}” is already used by the form at {first}.'],
  },
  'UNIT-001': {
    title: ['填报单位为空', 'Reporting unit is empty'],
    message: ['填报单位未填写。', 'The reporting unit (填报单位) is empty.'],
  },
  'UNIT-002': {
    title: ['填报单位不一致', 'Reporting units differ'],
    message: ['填报单位“{unit}”与 {first} 的“{firstUnit}”不一致。', 'Reporting unit “{unit}” differs from “{firstUnit}” at {first}.'],
  },
  'BUDGET-001': {
    title: ['预算数缺失或无效', 'Budget missing or invalid'],
    message: ['预算数{problem}。', 'The budget (预算数) {problemEn}.'],
  },
  'BUDGET-002': {
    title: ['预算数与资金来源不符', 'Budget does not equal its sources'],
    message: [
      '预算数 {total} ≠ 财政资金 {fiscal} + 其他资金 {other}。',
      'Budget {total} ≠ fiscal funds {fiscal} + other funds {other}.',
    ],
  },
  'BUDGET-003': {
    title: ['金额缺少单位', 'Amount has no unit'],
    message: [
      '金额“{text}”没有单位，表内其他金额也无法确定单位；请写明“万元”或“元”。',
      'Amount “{text}” has no unit and no other amount on the form settles it; write 万元 or 元.',
    ],
  },
  'BUDGET-004': {
    title: ['资金用途为空', 'Use of funds is empty'],
    message: ['资金用途未填写。', 'The use of funds (资金用途) is empty.'],
  },
  'BUDGET-005': {
    title: ['调增(减)资金不是数字', 'Adjustment is not a number'],
    message: ['调增(减)资金“{text}”不是金额。', 'The adjustment (调增(减)资金) “{text}” is not an amount.'],
  },
  'PLAN-001': {
    title: ['支出计划不是0–100的百分比', 'Spending plan value is not a percentage in 0–100'],
    message: ['{month}支出计划“{text}”不是0–100之间的百分比。', 'The {month} spending plan “{text}” is not a percentage between 0 and 100.'],
  },
  'PLAN-002': {
    title: ['支出计划不是累计数', 'Spending plan is not cumulative'],
    message: [
      '{month}的累计支出 {value}% 低于{prevMonth}的 {prev}%；支出计划应为累计进度。',
      'Cumulative spending at {month} ({value}%) is lower than at {prevMonth} ({prev}%); the plan is cumulative.',
    ],
  },
  'PLAN-003': {
    title: ['年底支出计划不是100%', 'Year-end plan is not 100'],
    message: ['12月底累计支出计划应为100%，当前为“{text}”。', 'The year-end (12月底) plan must be 100%; it is “{text}”.'],
  },
  'PLAN-004': {
    title: ['年内未安排支出进度', 'No in-year spending progress'],
    message: [
      '只填了12月底的100%，年内各时点未安排支出进度。',
      'Only the year-end 100% is filled: no spending progress is planned during the year.',
    ],
  },
  'GOAL-001': {
    title: ['绩效目标为空', 'Performance goal is empty'],
    message: ['绩效目标未填写。', 'The performance goal (绩效目标) is empty.'],
  },
  'GOAL-002': {
    title: ['绩效目标过于简单', 'Performance goal too thin'],
    message: ['绩效目标{problem}，未说明预期产出和效果。', 'The performance goal {problemEn}; it does not state the expected outputs and outcomes.'],
  },
  'IND-001': {
    title: ['一级指标缺失或无效', 'Level-1 indicator missing or invalid'],
    message: [
      '一级指标“{text}”不是 产出指标、效益指标、满意度指标、成本指标 之一。',
      'Level-1 indicator “{text}” is not one of 产出指标, 效益指标, 满意度指标, 成本指标.',
    ],
  },
  'IND-002': {
    title: ['二级指标缺失或不属于其一级指标', 'Level-2 indicator missing or misplaced'],
    message: ['{problem}可选：{allowed}。', '{problemEn} Allowed: {allowed}.'],
  },
  'IND-003': {
    title: ['缺少必备一级指标', 'Required level-1 indicators missing'],
    message: ['本表没有“{missing}”指标行。', 'The form has no “{missing}” rows.'],
  },
  'IND-004': {
    title: ['产出指标不完整', 'Output indicators incomplete'],
    message: ['产出指标缺少“{missing}”。', 'Output indicators lack “{missing}”.'],
  },
  'IND-005': {
    title: ['三级指标为空', 'Level-3 indicator empty'],
    message: ['三级指标名称未填写。', 'The level-3 indicator name (三级指标) is empty.'],
  },
  'IND-006': {
    title: ['三级指标重名', 'Duplicate level-3 indicator'],
    message: ['三级指标“{text}”与第{firstRow}行重名。', 'Level-3 indicator “{text}” repeats row {firstRow}.'],
  },
  'IND-007': {
    title: ['绩效指标描述为空', 'Indicator description empty'],
    message: ['指标“{l3}”的绩效指标描述未填写。', 'Indicator “{l3}” has no description (绩效指标描述).'],
  },
  'IND-008': {
    title: ['指标确定依据为空', 'Indicator basis empty'],
    message: ['指标“{l3}”的指标确定依据未填写。', 'Indicator “{l3}” has no basis (指标确定依据).'],
  },
  'IND-009': {
    title: ['“不涉及”行前后矛盾', 'Inconsistent 不涉及 row'],
    message: ['{problem}', '{problemEn}'],
  },
  'IND-010': {
    title: ['效益指标全部不涉及', 'All benefit indicators 不涉及'],
    message: ['效益指标全部为“不涉及”，项目没有说明任何效益。', 'Every benefit indicator is 不涉及: the project states no benefit at all.'],
  },
  'IND-011': {
    title: ['实质指标过少', 'Too few indicators'],
    message: ['本表只有 {count} 个实质性指标（不含“不涉及”），少于 {min} 个。', 'The form has only {count} substantive indicators (不涉及 rows excluded), fewer than {min}.'],
  },
  'IND-012': {
    title: ['缺少满意度指标', 'No satisfaction indicator'],
    message: [
      '本表没有满意度指标；如项目确无服务对象，请在绩效目标中说明。',
      'The form has no satisfaction indicator; if the project serves no one, say so in the performance goal.',
    ],
  },
  'VAL-001': {
    title: ['指标值为空', 'Target value empty'],
    message: ['指标“{l3}”的指标值未填写。', 'Indicator “{l3}” has no target value (指标值).'],
  },
  'VAL-002': {
    title: ['指标值仍为占位文字', 'Target value is a placeholder'],
    message: ['指标“{l3}”的指标值是“{text}”，目标值没有设定。', 'Indicator “{l3}” has the placeholder “{text}” as its value: the target was never set.'],
  },
  'VAL-003': {
    title: ['指标值无法识别', 'Target value unreadable'],
    message: [
      '指标值“{text}”无法识别：应为 比较符+数值+单位（如 ≥95%、≤15万元、4套）、区间、期限（如 ≤12月底）或分级定性值（如 优/良/中/差）。',
      'Target value “{text}” cannot be read: write comparator + number + unit (≥95%, ≤15万元, 4套), a range, a deadline (≤12月底) or a graded value (优/良/中/差).',
    ],
  },
  'VAL-004': {
    title: ['指标值缺少计量单位', 'Target value has no unit'],
    message: ['指标值“{text}”只有数字，没有计量单位。', 'Target value “{text}” is a number without a unit.'],
  },
  'VAL-005': {
    title: ['百分比超出范围', 'Percentage out of range'],
    message: ['指标值“{text}”{problem}。', 'Target value “{text}” {problemEn}.'],
  },
  'VAL-006': {
    title: ['单位与二级指标不符', 'Unit does not fit the level-2 indicator'],
    message: ['{l2}的指标值“{text}”{problem}。', 'The {l2} value “{text}” {problemEn}.'],
  },
  'VAL-007': {
    title: ['比较符写法不规范', 'Non-standard comparator'],
    message: ['指标值“{text}”中的“{written}”应写作“{standard}”。', 'Write “{standard}” instead of “{written}” in “{text}”.'],
  },
  'VAL-008': {
    title: ['指标值含系统禁用字符', 'Target value has characters the system rejects'],
    message: [
      '指标值“{text}”含有“{chars}”，预算管理一体化系统保存时会拒绝。{hint}',
      'Target value “{text}” contains “{chars}”, which the budget management system rejects on save. {hintEn}',
    ],
  },
  'VAL-009': {
    title: ['含多余空格', 'Stray spaces'],
    message: ['{what}“{text}”中含有空格，一体化系统可能拒绝保存。', 'The {whatEn} “{text}” contains spaces, which the budget system may reject.'],
  },
  'IND-013': {
    title: ['满意度作为效益指标的二级指标', 'Satisfaction as a level-2 under benefit'],
    message: [
      '“{l2}”写在效益指标下（旧版模板的做法）；按2020年以来的规定，满意度指标应单列为一级指标。',
      '“{l2}” stands under 效益指标 (the older template); since the 2020 guidance 满意度指标 is a level-1 indicator of its own.',
    ],
  },
  'VAL-010': {
    title: ['指标值含糊无法衡量', 'Vague target value'],
    message: [
      '指标值“{text}”无法衡量；请量化，或采用分级评价（如 好/较好/一般/较差/差）并在描述中说明标准。',
      'Target value “{text}” cannot be measured; quantify it or use a graded scale (好/较好/一般/较差/差) explained in the description.',
    ],
  },
  'COST-001': {
    title: ['成本指标不是金额', 'Cost indicator is not money'],
    message: ['成本指标“{l3}”的指标值“{text}”不是金额（应如 ≤15万元）。', 'Cost indicator “{l3}” has “{text}”, which is not an amount of money (e.g. ≤15万元).'],
  },
  'COST-002': {
    title: ['成本超出预算数', 'Cost exceeds the budget'],
    message: ['{problem}', '{problemEn}'],
  },
  'COST-003': {
    title: ['成本指标未覆盖预算', 'Cost indicators do not cover the budget'],
    message: [
      '成本指标合计 {sum}，不足预算数 {total} 的 {ratio}%：部分预算没有成本目标。',
      'Cost indicators add up to {sum}, under {ratio}% of the budget {total}: part of the budget has no cost target.',
    ],
  },
  'COST-004': {
    title: ['成本指标设为下限', 'Cost bounded from below'],
    message: ['成本指标“{text}”设了下限；成本目标应控制上限，用“≤”或“=”。', 'Cost target “{text}” is a floor; a cost target caps spending, so use ≤ or =.'],
  },
  'COST-005': {
    title: ['缺少成本指标', 'No cost indicator'],
    message: ['本表没有成本指标。', 'The form has no cost indicator (成本指标).'],
  },
  'VAL-011': {
    title: ['期间用“-”书写', 'Period written with a dash'],
    message: [
      '指标值“{text}”是用“-”连接的期间，预算管理一体化系统保存时会拒绝“-”；可写作截止时间，如“≤{end}”。',
      'Target value “{text}” is a period joined by “-”, which the budget system rejects on save; give the deadline instead, e.g. “≤{end}”.',
    ],
  },
  'SAT-001': {
    title: ['满意度不是百分比', 'Satisfaction is not a percentage'],
    message: ['满意度指标值“{text}”不是百分比（应如 ≥90%）。', 'Satisfaction value “{text}” is not a percentage (e.g. ≥90%).'],
  },
  'SAT-002': {
    title: ['满意度目标偏低', 'Satisfaction target low'],
    message: ['满意度目标“{text}”低于 {min}%。', 'Satisfaction target “{text}” is below {min}%.'],
  },
  'SAT-003': {
    title: ['满意度目标为100%', 'Satisfaction target 100%'],
    message: ['满意度目标“{text}”为100%，任何调查都难以达到；建议设为 ≥90% 等可实现的目标。', 'Satisfaction target “{text}” is 100%, which no survey can be planned to; use an attainable floor such as ≥90%.'],
  },
  'SAT-004': {
    title: ['满意度设了上限', 'Satisfaction bounded from above'],
    message: ['满意度目标“{text}”设了上限；满意度应为下限，用“≥”。', 'Satisfaction target “{text}” is a ceiling; satisfaction is a floor, use ≥.'],
  },
};

export function formatMessage(ruleId: string, params: Params, locale: Locale): string {
  const entry = MESSAGES[ruleId];
  const template = entry.message[locale === 'en' ? 1 : 0];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? params[k.replace(/En$/, '')] ?? '')).trim();
}

export function ruleTitle(ruleId: string, locale: Locale): string {
  return MESSAGES[ruleId].title[locale === 'en' ? 1 : 0];
}
