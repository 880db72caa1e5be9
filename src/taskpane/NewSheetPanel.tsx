/**
 * 新建项目表: pick a template and the layout it is printed in (河北目标表 or 全国通用申报表),
 * see its indicators, enter the project's particulars, insert; or save the active form as a template.
 */
import {
  Button, Caption1, Divider, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Subtitle2,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { FORM_LAYOUTS, type FormLayout } from '../core/layout';
import { codeStatus, type CodeStatus } from '../core/projectCode';
import { costValue, type Template, type TemplateInputs } from '../core/templates';
import { STRINGS, type UiLocale } from './strings';
import type { useTemplates } from './useTemplates';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flexGrow: 1 },
  table: { fontSize: tokens.fontSizeBase200 },
  toFill: { color: tokens.colorPaletteDarkOrangeForeground1, fontStyle: 'italic' },
  blanks: { display: 'flex', flexDirection: 'column', alignItems: 'start', margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Templates = ReturnType<typeof useTemplates>;

function codeMessage(s: CodeStatus, t: (typeof STRINGS)['zh-CN']['templates']): { state: 'none' | 'error' | 'warning' | 'success'; text: string } {
  switch (s.state) {
    case 'empty':
      return { state: 'none', text: t.codeStatus.empty };
    case 'partial':
      return { state: 'none', text: t.codeStatus.partial(s.typed) };
    case 'completable':
      return { state: 'warning', text: t.codeStatus.completable(s.code) };
    case 'valid':
      return { state: 'success', text: t.codeStatus.valid };
    case 'wrongCheck':
      return { state: 'error', text: t.codeStatus.wrongCheck(s.expected) };
    default:
      return { state: 'error', text: t.codeStatus.badShape };
  }
}

export function NewSheetPanel({ templates, locale }: { templates: Templates; locale: UiLocale }) {
  const t = STRINGS[locale].templates;
  const styles = useStyles();
  const all = useMemo(() => [...templates.builtIn, ...templates.custom], [templates.builtIn, templates.custom]);
  const [id, setId] = useState(all[0].id);
  const template: Template = all.find((x) => x.id === id) ?? all[0];
  const [layout, setLayout] = useState<FormLayout>('hebei');
  // The national 申报表 prints no project code (nor 指标确定依据): neither is asked for nor previewed.
  const national = layout === 'national';
  const [unit, setUnit] = useState('');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [budget, setBudget] = useState('');
  const [title, setTitle] = useState('');
  const title_ = (x: Template) => (locale === 'en' ? x.title.en : x.title.zh);

  const status = codeStatus(code);
  const codeMsg = codeMessage(status, t);
  const budgetNumber = budget.trim() === '' ? undefined : Number(budget);
  const budgetBad = budgetNumber !== undefined && !(Number.isFinite(budgetNumber) && budgetNumber > 0);
  const codeBlocks = !national && (codeMsg.state === 'error' || status.state === 'partial');
  const canInsert = !templates.busy && !budgetBad && !codeBlocks;

  const insert = () => {
    const inputs: TemplateInputs = {};
    if (unit.trim()) inputs.unit = unit.trim();
    if (name.trim()) inputs.name = name.trim();
    if (!national && (status.state === 'valid' || status.state === 'completable')) inputs.code = status.code;
    if (budgetNumber !== undefined) inputs.budget = budgetNumber;
    if (!national && status.state === 'completable') setCode(status.code);
    void templates.insert(template, inputs, layout);
  };

  return (
    <section className={styles.root} aria-label={t.tab}>
      <Field label={t.template}>
        <Select value={template.id} onChange={(_, d) => setId(d.value)}>
          <optgroup label={t.builtIn}>
            {templates.builtIn.map((x) => (
              <option key={x.id} value={x.id}>{`${title_(x)}（${t.rows(x.rows.length)}）`}</option>
            ))}
          </optgroup>
          {templates.custom.length > 0 && (
            <optgroup label={t.custom}>
              {templates.custom.map((x) => (
                <option key={x.id} value={x.id}>{`${title_(x)}（${t.rows(x.rows.length)}）`}</option>
              ))}
            </optgroup>
          )}
        </Select>
      </Field>
      <Caption1>{locale === 'en' ? template.summary.en : template.summary.zh}</Caption1>
      {template.custom && (
        <div>
          <Button size="small" disabled={templates.busy} onClick={() => { void templates.remove(template.id); setId(all[0].id); }}>{t.remove}</Button>
        </div>
      )}
      <Field label={t.layout} hint={t.layoutHint[layout]}>
        <RadioGroup layout="horizontal" value={layout} onChange={(_, d) => setLayout(d.value as FormLayout)}>
          {FORM_LAYOUTS.map((l) => (
            <Radio key={l} value={l} label={t.layouts[l]} />
          ))}
        </RadioGroup>
      </Field>
      <Table size="extra-small" className={styles.table} aria-label={t.preview}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>二级指标</TableHeaderCell>
            <TableHeaderCell>三级指标</TableHeaderCell>
            <TableHeaderCell>指标值</TableHeaderCell>
            {!national && <TableHeaderCell>指标确定依据</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {template.rows.map((r, i) => {
            const value = r.cost ? (budgetNumber && !budgetBad ? costValue(budgetNumber) : null) : r.value;
            return (
              <TableRow key={i}>
                <TableCell>{r.l2}</TableCell>
                <TableCell>{r.l3 || <span className={styles.toFill}>{t.toFill}</span>}</TableCell>
                <TableCell>{value || <span className={styles.toFill}>{t.toFill}</span>}</TableCell>
                {!national && <TableCell>{r.basis || <span className={styles.toFill}>{t.toFill}</span>}</TableCell>}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Field label={national ? t.unitNational : t.unit}>
        <Input value={unit} onChange={(_, d) => setUnit(d.value)} />
      </Field>
      <Field label={t.name}>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      {!national && (
        <div className={styles.row}>
          <Field className={styles.grow} label={t.code} validationState={codeMsg.state} validationMessage={codeMsg.text}>
            <Input value={code} maxLength={30} onChange={(_, d) => setCode(d.value)} />
          </Field>
        </div>
      )}
      {!national && status.state === 'completable' && (
        <div>
          <Button size="small" onClick={() => setCode(status.code)}>{t.complete}</Button>
        </div>
      )}
      <Field
        label={t.budget}
        validationState={budgetBad ? 'error' : 'none'}
        validationMessage={
          budgetBad ? t.budgetInvalid : budgetNumber ? (national ? t.budgetFlowsNational : t.budgetFlows)(costValue(budgetNumber)) : undefined
        }
      >
        <Input value={budget} inputMode="decimal" onChange={(_, d) => setBudget(d.value)} />
      </Field>
      <div>
        <Button appearance="primary" disabled={!canInsert} onClick={insert}>{templates.busy ? t.inserting : t.insert}</Button>
      </div>
      {templates.error && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{templates.error}</MessageBarBody></MessageBar>
      )}
      {templates.notice && (
        <MessageBar intent="success" role="status"><MessageBarBody>{templates.notice}</MessageBarBody></MessageBar>
      )}
      {templates.inserted && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {t.inserted(templates.inserted.sheet, templates.inserted.blanks.length)}
            {templates.inserted.blanks.length > 0 && (
              <ul className={styles.blanks} aria-label={t.toFill}>
                {templates.inserted.blanks.map((b) => (
                  <li key={b.cell}>
                    <Button appearance="transparent" size="small" onClick={() => void templates.goTo(templates.inserted!.sheet, b.cell)}>
                      {`${b.cell} ${locale === 'en' ? b.label.en : b.label.zh}`}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <Divider />
      <Subtitle2 as="h2">{t.saveTitle}</Subtitle2>
      <Caption1>{t.saveHint}</Caption1>
      <div className={styles.row}>
        <Field className={styles.grow} label={t.saveName}>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} />
        </Field>
        <Button disabled={templates.busy} onClick={() => void templates.saveAs(title)}>{t.save}</Button>
      </div>
    </section>
  );
}
