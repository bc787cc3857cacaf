/**
 * Human names of move and script-element ids ("disclose_debt" → "说明欠款") and what a rule id means, from the rule
 * data (loaded with the engine chunk on first use).
 */
import type { Bilingual } from '../scoring/types.ts';
import { loadEngine } from './engine.ts';
import { locale } from './locale.svelte.ts';

class MoveNames {
  private labels = $state.raw<Map<string, Bilingual>>(new Map());
  private rules = $state.raw<Map<string, Bilingual>>(new Map());
  private started = false;

  /** The id's label in the UI language; the id itself until the rules have loaded or when it has no label. */
  name(id: string): string {
    this.load();
    const label = this.labels.get(id);
    return label ? (locale.current === 'en' ? label.en : label.zh) : id;
  }

  /** What rule `id` flags, in the UI language; undefined until the rules have loaded or for an unknown id. */
  ruleMessage(id: string): string | undefined {
    this.load();
    const message = this.rules.get(id);
    return message && (locale.current === 'en' ? message.en : message.zh);
  }

  /** Several ids joined for a sentence. */
  list(ids: readonly string[]): string {
    return ids.map((id) => this.name(id)).join(locale.current === 'en' ? ', ' : '、');
  }

  private load(): void {
    if (this.started) return;
    this.started = true;
    void loadEngine().then((engine) => {
      this.labels = new Map(engine.moves.map((m) => [m.id, m.label]));
      this.rules = new Map(engine.rules.map((r) => [r.id, r.message]));
    });
  }
}

export const moveNames = new MoveNames();
