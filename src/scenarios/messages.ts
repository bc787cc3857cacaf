/**
 * The diagnostics catalogue: every code the script compiler can emit, its severity, its message and its fix hint.
 * Codes are stable (tests, docs and editors key on them); wording may improve freely.
 */
import type { Diagnostic, DiagnosticSeverity } from '../diagnostics/diagnostic.ts';

export type Args = Record<string, string | number | undefined>;
interface Entry {
  severity: DiagnosticSeverity;
  message: (a: Args) => string;
  hint: (a: Args) => string;
}

const mean = (a: Args, fallback: string) => (a.suggestion ? `Did you mean \`${a.suggestion}\`?` : fallback);

export const MESSAGES = {
  missing_front_matter: e(
    'error',
    () => 'The file does not start with front matter.',
    () => 'Start the file with a `---` line, the YAML fields, and another `---` line (copy the README example).',
  ),
  yaml_syntax: e(
    'error',
    (a) => `Front matter is not valid YAML: ${a.detail}.`,
    () => 'Check indentation and quoting; values with `:` or starting with a digit like `"08:00"` need quotes.',
  ),
  missing_field: e(
    'error',
    (a) => `Front matter field \`${a.field}\` is missing.`,
    (a) => `Add \`${a.field}:\` (${a.expected}).`,
  ),
  invalid_field: e(
    'error',
    (a) => `\`${a.field}\` has an invalid value${a.value !== undefined ? ` \`${a.value}\`` : ''}.`,
    (a) => `Expected ${a.expected}.`,
  ),
  unknown_field: e(
    'warning',
    (a) => `Unknown field \`${a.field}\`; it is ignored.`,
    (a) => mean(a, 'Remove it or check the README for the field names.'),
  ),
  unknown_archetype: e(
    'error',
    (a) => `Unknown persona archetype \`${a.value}\`.`,
    (a) => mean(a, `Use one of: ${a.expected}.`),
  ),
  unknown_course: e(
    'error',
    (a) => `Unknown course stage \`${a.value}\`.`,
    (a) => mean(a, `Use one of: ${a.expected}.`),
  ),
  prose_too_deep: e(
    'error',
    (a) => `This line nests quotes or lists ${a.depth} levels deep (at most ${a.max}).`,
    () => 'Flatten the Markdown: a briefing needs two or three levels at most.',
  ),
  raw_html: e(
    'warning',
    (a) => `Raw HTML \`${a.value}\` is removed when the script is shown.`,
    () => 'Write Markdown instead (**bold**, lists, > quotes); HTML tags never reach the trainee.',
  ),
  remote_image: e(
    'warning',
    (a) => `The image \`${a.value}\` is on another host and will not be shown.`,
    () => 'CallDojo contacts no outside host: put the image in public/ and link it with a relative path.',
  ),
  no_nodes: e(
    'error',
    () => 'The script has no dialogue nodes.',
    () => 'Add `## node-id` sections after the front matter, one per moment of the call.',
  ),
  invalid_node_id: e(
    'error',
    (a) => `Heading \`${a.value}\` has no usable node id.`,
    () => 'Add an id in braces, e.g. `## 确认本人 {#verify}`; ids contain no spaces.',
  ),
  duplicate_node_id: e(
    'error',
    (a) => `Node id \`${a.id}\` is already used on line ${a.line}.`,
    () => 'Give every `##` section its own id.',
  ),
  duplicate_field: e(
    'warning',
    (a) => `\`${a.field}\` is given twice in this node; the later one wins.`,
    () => 'Keep one line per field; use several `>` lines for variants.',
  ),
  invalid_branch: e(
    'error',
    (a) => `Cannot read this branch: ${a.detail}.`,
    () => 'Write `- if <condition> → <node-id>` or `- else → <node-id>` (若 / 否则 work too).',
  ),
  invalid_option: e(
    'error',
    (a) => `Cannot read this option: ${a.detail}.`,
    () => 'Write `- [good] what the trainee says → <node-id>`; the quality is [good], [ok] or [bad] (好/一般/差).',
  ),
  invalid_condition: e(
    'error',
    (a) => `Cannot read the condition: ${a.detail}.`,
    () => 'Combine moves, `tone rude`, `finding threat`, `trust >= 60`, `complete`, `silence` with and/or/not.',
  ),
  invalid_effect: e(
    'error',
    (a) => `Cannot read the effect \`${a.value}\`.`,
    () => 'Write e.g. `trust +10`, `irritation -5` or `patience = 20`, separated by commas.',
  ),
  unknown_state_var: e(
    'error',
    (a) => `Unknown persona state \`${a.value}\`.`,
    (a) => mean(a, 'Use trust, irritation, patience or willingness (信任, 烦躁, 耐心, 意愿).'),
  ),
  unknown_mood: e(
    'error',
    (a) => `Unknown mood \`${a.value}\`.`,
    (a) => mean(a, 'Use [calm], [annoyed] or [warm] (【平静】【不耐烦】【友好】).'),
  ),
  unknown_stage: e(
    'error',
    (a) => `Unknown call stage \`${a.value}\`.`,
    (a) => mean(a, `Use one of: ${a.expected}.`),
  ),
  unknown_party: e(
    'error',
    (a) => `Unknown party \`${a.value}\`.`,
    (a) => mean(a, `Use debtor (本人) or a relation: ${a.expected}.`),
  ),
  unknown_outcome: e(
    'error',
    (a) => `Unknown ending outcome \`${a.value}\`.`,
    (a) => mean(a, `Use one of: ${a.expected}.`),
  ),
  ptp_missing_terms: e(
    'error',
    (a) => `A promise-to-pay ending needs ${a.missing}.`,
    () => 'Write e.g. `end: ptp amount=1286 date=+3d` (amount may be `minimum` or `full`).',
  ),
  invalid_ending: e(
    'error',
    (a) => `Invalid ending: ${a.detail}.`,
    (a) => `${a.fix ?? 'See the Endings section of content/scripts/README.md.'}`,
  ),
  unknown_branch_target: e(
    'error',
    (a) => `No node has the id \`${a.target}\`.`,
    (a) => mean(a, 'Check the `{#id}` of the node you want to go to.'),
  ),
  unknown_move: e(
    'error',
    (a) => `Unknown move or script element \`${a.value}\`.`,
    (a) => mean(a, 'Use a move id from content/rules (e.g. greet, verify_identity, empathise, offer_plan).'),
  ),
  unknown_element: e(
    'error',
    (a) => `\`${a.value}\` is neither a move nor a script element the scoring engine knows.`,
    (a) => mean(a, 'Use ids from content/rules (moves and elements).'),
  ),
  call_context_flagged: e(
    'error',
    (a) => `The call itself breaks rule \`${a.rule}\` (${a.severity}): ${a.detail}`,
    () => 'Change `local_time` or `bank_policy` so the scenario is a call the trainee may make.',
  ),
  unknown_category: e(
    'error',
    (a) => `Unknown finding category \`${a.value}\`.`,
    (a) => mean(a, `Use one of: ${a.expected}.`),
  ),
  unknown_reveal: e(
    'error',
    (a) => `\`${a.value}\` is not a hidden fact of this scenario.`,
    (a) => mean(a, 'Name a key under `hidden:` (e.g. real_reason) or one of its `secret_words`.'),
  ),
  missing_fallback: e(
    'error',
    (a) => `Node \`${a.id}\` has no fallback branch.`,
    () => 'Add `- else → <node-id>` (否则) as the last branch so every reply leads somewhere.',
  ),
  branch_after_fallback: e(
    'warning',
    () => 'This branch comes after the fallback and can never be taken.',
    () => 'Move it above the `else` line or remove it.',
  ),
  missing_persona_line: e(
    'error',
    (a) => `Node \`${a.id}\` has no persona line.`,
    () => 'Add what the persona says as a `>` line.',
  ),
  missing_calm_line: e(
    'warning',
    (a) => `Node \`${a.id}\` has no line for the calm mood.`,
    () => 'Add a `>` line without a mood tag; it is used when no variant fits the mood.',
  ),
  missing_model_answer: e(
    'error',
    (a) => `Node \`${a.id}\` has no model answer.`,
    () => 'Add `model:` with what a good trainee says here, and `why:` with the reason.',
  ),
  missing_why: e(
    'error',
    () => 'This model answer has no reason.',
    () => 'Add a `why:` line: trainees must learn why the line is said, not only what to say.',
  ),
  missing_feedback: e(
    'warning',
    () => 'This option has no feedback.',
    () => 'Add an indented `feedback:` line under the option explaining why it is good or bad.',
  ),
  unreachable_node: e(
    'error',
    (a) => `Node \`${a.id}\` cannot be reached from the start.`,
    () => 'Point a branch or option at it, or remove it.',
  ),
  ending_never_reached: e(
    'error',
    (a) => `Ending \`${a.id}\` (${a.outcome}) is never reached.`,
    () => 'Point a branch or option at it, or remove it.',
  ),
  dead_end: e(
    'error',
    (a) => `Node \`${a.id}\` has no way to any ending.`,
    () => 'Make sure some branch path from here leads to a node with `end:`.',
  ),
  loop_without_exit: e(
    'error',
    (a) => `Nodes ${a.nodes} form a loop with no way out.`,
    () => 'Give one of them a branch to a node outside the loop or to an ending.',
  ),
  hidden_fact_leak: e(
    'error',
    (a) => `Hidden fact \`${a.fact}\` appears in ${a.where}.`,
    () => 'Remove it from trainee-visible text, or add `reveals:` to the node where the persona tells it.',
  ),
  model_answer_flagged: e(
    'error',
    (a) => `The model answer breaks rule \`${a.rule}\` (${a.severity}): ${a.detail}`,
    (a) => `${a.better ? `Try: ${a.better}` : 'Rewrite the model answer'} — a script must never teach a violation.`,
  ),
  good_option_flagged: e(
    'error',
    (a) => `This [good] option breaks rule \`${a.rule}\` (${a.severity}): ${a.detail}`,
    (a) => `${a.better ? `Try: ${a.better}` : 'Rewrite it or mark it [bad]'} — a script must never teach a violation.`,
  ),
} satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof MESSAGES;

/**
 * The diagnostic for a checker failure on one file (a bug the input exposed): the file's own error, so `lint:scripts`
 * goes on with the other files and the Studio shows it instead of going quiet.
 */
export function checkerCrashed(file: string, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'script_crashed',
    severity: 'error',
    message: `The checker failed on this file: ${detail}`,
    hint: 'Simplify the part of the file you changed last, and report the file to the CallDojo maintainers.',
    args: { detail },
    file,
    start: 0,
    end: 0,
    line: 1,
    column: 1,
  };
}

function e(severity: DiagnosticSeverity, message: Entry['message'], hint: Entry['hint']): Entry {
  return { severity, message, hint };
}
