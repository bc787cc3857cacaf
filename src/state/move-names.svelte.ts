/** Human names of move and script-element ids ("disclose_debt" → "说明欠款"), from the rule data's labels. */
import type { Bilingual } from '../scoring/types.ts';
import { loadEngine } from './engine.ts';
import { locale } from './locale.svelte.ts';

class MoveNames {
  private labels = $state.raw<Map<string, Bilingual>>(new Map());
  private started = false;

  /** The id's label in the UI language; the id itself until the rules have loaded or when it has no label. */
  name(id: string): string {
    this.load();
    const label = this.labels.get(id);
    return label ? (locale.current === 'en' ? label.en : label.zh) : id;
  }

  /** Several ids joined for a sentence. */
  list(ids: readonly string[]): string {
    return ids.map((id) => this.name(id)).join(locale.current === 'en' ? ', ' : '、');
  }

  private load(): void {
    if (this.started) return;
    this.started = true;
    void loadEngine().then((engine) => (this.labels = new Map(engine.moves.map((m) => [m.id, m.label]))));
  }
}

export const moveNames = new MoveNames();
