/** Every text the pane shows, Chinese first. */
export type UiLocale = 'zh-CN' | 'en';

export const STRINGS = {
  'zh-CN': {
    name: '绩效目标表助手',
    version: (v: string) => `版本 ${v}`,
    comingSoon: '即将推出：一键校验本工作簿中的项目支出绩效目标表，并在单元格上标出问题。',
    cliNow: '现在可用：命令行批量检查 goalsheet check。',
  },
  en: {
    name: 'Goalsheet',
    version: (v: string) => `Version ${v}`,
    comingSoon: 'Coming next: check every project expenditure performance-target form in this workbook in one click, with problems marked on their cells.',
    cliNow: 'Available now: bulk checks from the command line with goalsheet check.',
  },
};

/** Office's display language when running in Office, the browser's otherwise. */
export function uiLocale(language: string | undefined): UiLocale {
  return language && /^en\b/i.test(language) ? 'en' : 'zh-CN';
}
