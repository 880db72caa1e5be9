/** Command-line flags: `--flag value`, `--flag=value`, boolean switches, positionals. */
export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value, with their aliases ('-o' → '--output'). */
  values: string[];
  switches?: string[];
  aliases?: Record<string, string>;
}

export interface ParsedArgs {
  values: Record<string, string>;
  switches: Set<string>;
  positionals: string[];
}

export function parseArgs(args: string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { values: {}, switches: new Set(), positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const raw = eq > 0 ? a.slice(0, eq) : a;
    const flag = spec.aliases?.[raw] ?? raw;
    if (spec.values.includes(flag)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${flag} 需要一个值 / ${flag} needs a value`);
      out.values[flag] = v;
    } else if (spec.switches?.includes(flag)) out.switches.add(flag);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`未知选项 / unknown option: ${a}`);
    else out.positionals.push(a);
  }
  return out;
}

/** A flag restricted to some values. */
export function oneOf<T extends string>(flag: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} 只能是 ${allowed.join(' 或 ')} / ${flag} must be ${allowed.join(' or ')} (got "${v}")`);
  return v as T;
}
