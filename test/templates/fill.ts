/** Realistic entries for each template's blanks, as a person in a budget unit would type them. */
import type { Blank, Template } from '../../src/core/templates';

export interface Fill {
  use: string;
  goal: string;
  /** 中长期目标 (national 申报表 only). */
  goalLong: string;
  /** 指标值 of the blank rows, in row order. */
  values: string[];
  /** 通用 only: 三级指标, 描述 and 依据 of its blank rows. */
  rows?: { l3: string; desc: string; basis: string }[];
}

export const FILLS: Record<string, Fill> = {
  general: {
    use: '用于全市中小学校园安全隐患排查整治及安保人员培训支出',
    goal: '完成全市212所中小学校园安全隐患排查整治，培训校园安保人员1500人次，校园安全事故发生率持续下降。',
    goalLong: '三年内完成全市中小学校园安全设施标准化改造，建立隐患排查整治长效机制，校园安全事故持续下降。',
    values: ['≥212所', '≥95%', '≤10月底', '≥98%', '≥5%', '≤12吨', '≥3年', '≥90%'],
    rows: [
      { l3: '排查学校数量', desc: '完成安全隐患排查的中小学校数量', basis: '年度工作计划' },
      { l3: '隐患整改合格率', desc: '整改验收合格的隐患占排查隐患的比例', basis: '验收报告' },
      { l3: '排查整治完成时限', desc: '全部排查整治工作完成的时间', basis: '年度工作计划' },
      { l3: '校园安全事故下降率', desc: '校园安全事故数较上年下降的比例', basis: '历史数据' },
      { l3: '财产损失减少率', desc: '因安全事故造成的财产损失较上年减少的比例', basis: '历史数据' },
      { l3: '消防废弃物排放量', desc: '整治中产生的废弃消防器材排放量', basis: '行业标准' },
      { l3: '整治成果保持年限', desc: '整治成果持续发挥作用的年限', basis: '年度工作计划' },
      { l3: '师生家长满意度', desc: '抽样调查师生和家长对校园安全的满意程度', basis: '满意度调查' },
    ],
  },
  'it-ops': {
    use: '用于市政府门户网站及政务新媒体监测平台年度运行维护、安全防护及等保测评服务费支出',
    goal: '保障市政府门户网站和政务新媒体监测平台全年安全稳定运行，故障2小时内响应，全年不发生重大网络安全事件。',
    goalLong: '建成安全稳定、运行高效的政务信息化运维体系，三年内门户网站和监测平台持续通过网络安全等级保护测评。',
    values: ['2套', '≥12次'],
  },
  meeting: {
    use: '用于全年各类会议组织保障及联通云视频会议系统服务费支出',
    goal: '保障全年各类会议和省市县乡四级视频会议顺利召开，会议保障成功率不低于99%，减少参会人员往返。',
    goalLong: '建成覆盖市县乡三级的视频会议体系，三年内视频会议使用率稳定在50%以上，持续降低会议成本。',
    values: ['≥120场', '4套'],
  },
  travel: {
    use: '用于市政府领导和办公室工作人员因公出差、外出招商考察及赴县（市、区）调研的差旅费支出',
    goal: '保障外出招商、考察学习、参加会议及赴县调研等工作顺利开展，差旅费报销100%合规，调研成果有效转化。',
    goalLong: '规范因公出差和考察调研管理，三年内差旅费支出持续合规，调研成果转化为工作措施的比例逐年提高。',
    values: ['≥500人次', '≥12次'],
  },
  reception: {
    use: '用于上级领导干部来邢调研考察、国内外企业商务考察及兄弟市来访的接待费用支出',
    goal: '按规定标准完成上级领导、兄弟市及企业来访接待任务，接待标准执行100%合规，推动商定合作事项落实。',
    goalLong: '建立规范高效的公务接待和政务联络机制，三年内接待标准执行持续合规，推动对外合作事项落地见效。',
    values: ['≥10批次', '≥150人次'],
  },
  printing: {
    use: '用于《邢台市人民政府公报》编辑、印制及邮寄发放费用支出',
    goal: '每季度编印1期政府公报，发放至各县（市、区）、乡镇和市直部门，深化政务公开，方便群众查阅。',
    goalLong: '持续办好《邢台市人民政府公报》，三年内实现公报发放全覆盖并同步数字化，方便群众查阅政府文件。',
    values: ['4期', '≥2500本', '≥220个'],
  },
  hotline: {
    use: '用于支付30名热线劳务派遣人员工资及社会保险，以及12345热线日常运行费用',
    goal: '保障12345政务服务便民热线全天24小时畅通，群众诉求按期办结率不低于90%，派遣人员工资社保按时足额发放。',
    goalLong: '建成全天候畅通的12345政务服务便民热线，三年内群众诉求解决率和满意度稳步提升，队伍保持稳定。',
    values: ['30人', '≥45000件'],
  },
  'office-ops': {
    use: '用于采购市政府办公室日常办公用品、结算文件资料印刷费用及办公设备维修维护支出',
    goal: '及时采购办公用品、印制文件资料、维修维护办公设备，确保机关各项工作正常运转，保障需求响应及时率不低于98%。',
    goalLong: '建立规范节约的机关运转保障机制，三年内办公设备完好率保持98%以上，资产管理持续账实相符。',
    values: ['≥3800件', '≥300台次'],
  },
};

/** The national 申报表's particulars that no template input covers. */
export const NATIONAL_FILL = {
  year: '（2026年度）',
  dept: '邢台市人民政府办公室',
  preparer: '填报人：王明',
  phone: '联系电话：0319-2222222',
  date: '填报日期：2025年10月8日',
};

/** Cell → value for every blank of a template sheet (either layout). */
export function fillBlanks(t: Template, blanks: Blank[], fill: Fill): Map<string, string | number> {
  const out = new Map<string, string | number>();
  const plan: Record<string, number> = { '3月底': 20, '6月底': 45, '10月底': 80 };
  const blankRows = [...new Set(blanks.filter((b) => /^(value|l3):/.test(b.field)).map((b) => Number(b.field.split(':')[1])))].sort((a, b) => a - b);
  const valueRows = blankRows.filter((i) => !t.rows[i].cost);
  for (const b of blanks) {
    const [kind, index] = b.field.split(':');
    const i = Number(index);
    const row = fill.rows?.[valueRows.indexOf(i)];
    if (kind === 'use') out.set(b.cell, `资金用途：${fill.use}`);
    else if (kind === 'goal') out.set(b.cell, fill.goal);
    else if (kind === 'goalLong') out.set(b.cell, fill.goalLong);
    else if (kind in NATIONAL_FILL) out.set(b.cell, NATIONAL_FILL[kind as keyof typeof NATIONAL_FILL]);
    else if (kind === 'plan') out.set(b.cell, plan[index]);
    else if (kind === 'value') out.set(b.cell, fill.values[valueRows.indexOf(i)]);
    else if (kind === 'l3' || kind === 'desc' || kind === 'basis') out.set(b.cell, row![kind]);
    else throw new Error(`no fill for ${b.field}`);
  }
  return out;
}
