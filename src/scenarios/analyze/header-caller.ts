/** Phase 2a, continued: whom the trainee represents, what the objectives hold back, and what an exam hides. */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import type { Scenario } from '../ir.ts';
import type { Fields } from '../parse/front-matter.ts';
import type { Reporter } from '../report.ts';

type CallerFields = Pick<Scenario, 'caller' | 'withhold' | 'exam_hide_card'>;

/** Reads `caller:`, `withhold:` and `exam_hide_card:`; `elements` (the engine's element ids) checks `withhold`. */
export function readCaller(f: Fields, elements: ReadonlySet<string> | null, r: Reporter): CallerFields {
  const out: CallerFields = {};
  if (f.has('caller')) {
    const c = f.at('caller');
    for (const { key, span } of c.keys()) {
      if (key !== 'institution' && key !== 'department')
        r.report('unknown_field', span, {
          field: `caller.${key}`,
          suggestion: didYouMean(key, ['institution', 'department']),
        });
    }
    const text = (key: string) => {
      const v = c.value(key);
      return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
    };
    const institution = text('institution');
    if (institution) out.caller = { institution, department: text('department') };
    else
      r.report(c.value('institution') === undefined ? 'missing_field' : 'invalid_field', c.span('institution'), {
        field: 'caller.institution',
        expected: 'the bank or agency the trainee speaks for, e.g. 华信银行信用卡中心',
      });
  }
  if (f.has('withhold')) {
    const v = f.value('withhold');
    if (Array.isArray(v) && v.every((e) => typeof e === 'string')) {
      out.withhold = v.map((e, i) => {
        if (elements && !elements.has(e))
          r.report('unknown_element', f.at('withhold').span(i), { value: e, suggestion: didYouMean(e, elements) });
        return e;
      });
    } else
      r.report('invalid_field', f.span('withhold'), {
        field: 'withhold',
        expected: 'a list of script element ids, e.g. [institution]',
      });
  }
  if (f.has('exam_hide_card')) {
    const v = f.value('exam_hide_card');
    if (typeof v === 'boolean') out.exam_hide_card = v;
    else
      r.report('invalid_field', f.span('exam_hide_card'), {
        field: 'exam_hide_card',
        value: String(v),
        expected: 'true or false',
      });
  }
  return out;
}
