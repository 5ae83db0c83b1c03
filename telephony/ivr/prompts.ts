import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PlaySource } from '../engine';
import type { Prompt } from './flow';
import { digitFragments, numberFragments } from './say';

export type Locale = 'zh-CN' | 'en';

/** Replaces `{name}` with the variable's value (unknown names become empty). */
export function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\{([a-z][a-z0-9_]*)\}/g, (_, name: string) => variables[name] ?? '');
}

/** Turns a flow's prompt list into files the engine can play, in the call's language. */
export class PromptLibrary {
  constructor(
    private readonly builtinDir: string,
    private readonly uploadDir: string,
  ) {}

  builtin(locale: Locale, name: string): PlaySource {
    return { kind: 'file', path: join(this.builtinDir, locale, `${name}.wav`) };
  }

  /** Where an admin's uploaded prompt lives; the name is validated by the flow schema. */
  uploadPath(file: string): string {
    return join(this.uploadDir, file);
  }

  resolve(prompts: readonly Prompt[], locale: Locale, variables: Record<string, string>): PlaySource[] {
    return prompts.flatMap((p): PlaySource[] => {
      switch (p.kind) {
        case 'builtin':
          return [this.builtin(locale, p.name)];
        case 'upload':
          return [{ kind: 'file', path: this.uploadPath(p.file) }];
        case 'digits':
          return digitFragments(interpolate(p.value, variables)).map((f) => this.builtin(locale, f));
        case 'number':
          return numberFragments(interpolate(p.value, variables), locale).map((f) => this.builtin(locale, f));
        case 'silence':
          return [{ kind: 'silence', durationMs: p.ms }];
      }
    });
  }

  /** "You are number N in the queue. Your estimated wait is about M minutes." */
  positionAnnouncement(locale: Locale, position: number, waitMinutes: number | null): PlaySource[] {
    const out = [this.builtin(locale, 'position_prefix'), ...this.resolve([{ kind: 'number', value: String(position) }], locale, {}), this.builtin(locale, 'position_suffix')];
    if (waitMinutes !== null) {
      out.push(this.builtin(locale, 'wait_prefix'), ...this.resolve([{ kind: 'number', value: String(Math.max(1, waitMinutes)) }], locale, {}), this.builtin(locale, 'minutes'));
    }
    return out;
  }

  /** Files a flow refers to that are not there (checked when a flow is saved). */
  missing(prompts: readonly Prompt[], locale: Locale): string[] {
    return this.resolve(prompts, locale, {}).flatMap((s) => (s.kind === 'file' && !existsSync(s.path) ? [s.path] : []));
  }
}
