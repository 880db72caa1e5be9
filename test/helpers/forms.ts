/** Forms and grids for tests: a clean realistic form, the seed forms, and ways to turn them into grids. */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import type { Grid } from '../../src/core/grid';
import { layoutForm, specToGrid as layoutToGrid, type FormData, type LayoutOptions, type SheetSpec } from '../../src/core/layout';
import { checkWorkbooks } from '../../src/core/engine';
import type { Options } from '../../src/core/options';
import type { Finding } from '../../src/core/rules/types';
import { renderNumber } from '../../src/core/numberText';
import { loadWorkbook } from '../../src/cli/loadWorkbook';

export { SEED } from './seed';

/** A clean form in another department's words: nothing a reviewer would object to. */
export function cleanForm(): FormData {
  return {
    unit: '滨海市生态环境局',
    code: '37020023P00412030007T',
    name: '大气污染防治网格化监测运维经费',
    budget: { total: 120, adjust: null, fiscal: 120, other: null, unit: '万元' },
    use: '用于全市120个大气网格化监测微站的运行维护、数据传输及质控比对服务费支出。',
    plan: { '3月底': 20, '6月底': 45, '9月底': 70, '12月底': 100 },
    goal: '保障全市120个大气网格化监测微站全年稳定运行，数据有效传输率不低于90%，为精准管控大气污染源提供及时可靠的数据支撑，推动空气质量持续改善。',
    indicators: [
      { l1: '产出指标', l2: '数量指标', l3: '运维监测微站数量', desc: '纳入运维服务的网格化监测微站数量', value: '≥120个', basis: '运维服务合同' },
      { l1: '产出指标', l2: '数量指标', l3: '质控比对次数', desc: '对监测微站开展质控比对的次数', value: '≥4次/年', basis: '环境监测质量管理规定' },
      { l1: '产出指标', l2: '质量指标', l3: '数据有效传输率', desc: '有效传输数据占应传输数据的比例', value: '≥90%', basis: '运维服务合同', basisMergeRows: 2 },
      { l1: '产出指标', l2: '质量指标', l3: '质控比对合格率', desc: '质控比对合格的站点占比对站点的比例', value: '≥95%', basis: null },
      { l1: '产出指标', l2: '时效指标', l3: '故障响应时间', desc: '站点发生故障后运维人员到达现场的时间', value: '≤24小时', basis: '运维服务合同' },
      { l1: '产出指标', l2: '时效指标', l3: '年度运维完成时限', desc: '年度运维服务全部完成的时间', value: '≤12月底', basis: '年度工作计划' },
      { l1: '产出指标', l2: '成本指标', l3: '运维服务费', desc: '监测微站运行维护及质控比对服务费用', value: '≤120万元', basis: '部门预算' },
      { l1: '效益指标', l2: '社会效益指标', l3: '空气质量预警信息发布及时率', desc: '按时发布的预警信息占应发布信息的比例', value: '≥95%', basis: '年度工作计划' },
      { l1: '效益指标', l2: '生态效益指标', l3: 'PM2.5年均浓度', desc: '全市细颗粒物年均浓度', value: '≤35微克/立方米', basis: '大气污染防治行动方案' },
      { l1: '效益指标', l2: '经济效益指标', l3: '不涉及', desc: '不涉及', value: '文字描述', basis: '不涉及' },
      { l1: '效益指标', l2: '可持续影响指标', l3: '监测网络稳定运行年限', desc: '监测微站网络持续稳定运行的年限', value: '≥3年', basis: '运维服务合同' },
      { l1: '满意度指标', l2: '服务对象满意度指标', l3: '公众对空气质量监测服务满意度', desc: '抽样问卷调查公众对监测与预警服务的满意程度', value: '≥90%', basis: '问卷调查' },
    ],
  };
}

/** The clean form in the 2021 framework: 成本指标 as its own 一级, 经济成本 under it. */
export function cleanForm2021(): FormData {
  const f = cleanForm();
  const rest = f.indicators.filter((i) => i.l2 !== '成本指标');
  f.indicators = [
    { l1: '成本指标', l2: '经济成本指标', l3: '运维服务费', desc: '监测微站运行维护及质控比对服务费用', value: '≤120万元', basis: '部门预算' },
    { l1: '成本指标', l2: '社会成本指标', l3: '不涉及', desc: '不涉及', value: '文字描述', basis: '不涉及' },
    ...rest,
  ];
  return f;
}

/** A sheet spec as a front end would hand it to the engine (number formats rendered). */
export function specToGrid(specs: SheetSpec | SheetSpec[], sheet = 'Sheet1'): Grid {
  return layoutToGrid(specs, sheet, renderNumber);
}

export function gridOf(data: FormData, options?: LayoutOptions, sheet?: string): Grid {
  return specToGrid(layoutForm(data, options), sheet);
}

/** Findings for forms laid out one per sheet in one workbook. */
export function findingsFor(forms: FormData | FormData[], options: Options = {}): Finding[] {
  const list = Array.isArray(forms) ? forms : [forms];
  const grids = list.map((f, i) => gridOf(f, {}, `项目${i + 1}`));
  return checkWorkbooks([{ name: 'book.xlsx', grids }], options).results[0].findings;
}

export const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);

/** Write a workbook with exceljs into a temp file and read it back the way the CLI does. */
export async function roundTrip(build: (wb: ExcelJS.Workbook) => void): Promise<{ file: string; grids: Grid[] }> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(await tempDir(), 'book.xlsx');
  await wb.xlsx.writeFile(file);
  const loaded = await loadWorkbook(file);
  if ('error' in loaded) throw new Error(loaded.error);
  return { file, grids: loaded.grids };
}

const made: string[] = [];
// Registered when a test file loads this helper: every temp dir it made goes when that file's tests are done.
afterAll(() => Promise.all(made.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true }))));

export async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'goalsheet-'));
  made.push(dir);
  return dir;
}

export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * A rule that throws is caught and logged by the engine (console.error), which keeps the other rules' findings:
 * a logged rule error fails each test of the file that calls this. `spy` is the console.error spy of the test
 * running, for checks inside it.
 */
export function failOnRuleErrors(): { readonly spy: jest.SpyInstance } {
  const ruleErrors = {} as { spy: jest.SpyInstance };
  beforeEach(() => {
    ruleErrors.spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    expect(ruleErrors.spy).not.toHaveBeenCalled();
    ruleErrors.spy.mockRestore();
  });
  return ruleErrors;
}
