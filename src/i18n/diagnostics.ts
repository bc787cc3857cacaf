/**
 * Script diagnostics as the Studio shows them in Chinese: each stable code with its parameters rendered from this
 * catalogue. English is the compiler's own wording (`src/scenarios/messages.ts`, also printed by `lint:scripts`), so
 * the English UI shows a diagnostic's `message` and `hint` as they are.
 */
import type { Locale } from './translate.ts';

/** The parts of a positioned diagnostic the text is built from (structural: this layer imports nothing). */
export interface DiagnosticWords {
  code: string;
  message: string;
  hint?: string;
  args?: Record<string, string | number>;
}

type Args = Record<string, string | number | undefined>;
interface Entry {
  message: (a: Args) => string;
  hint: (a: Args) => string;
}

/** Fixed descriptions the compiler passes as `expected`; lists of ids and quoted examples read the same in both. */
const EXPECTED: Record<string, string> = {
  '1-3 or easy/normal/hard': '1–3，或 easy/normal/hard',
  '1, 2, 3 or easy, normal, hard': '1、2、3，或 easy、normal、hard',
  '"HH:MM-HH:MM" in quotes': '加引号的 "HH:MM-HH:MM"',
  'true or false': 'true 或 false',
  'an amount >= 0': '不小于 0 的金额',
  'a number from 0 to 100': '0 到 100 之间的数',
  'yes or no (是 / 否)': 'yes 或 no（是 / 否）',
  "the cardholder's name": '持卡人姓名',
  'four digits in quotes, e.g. "6688"': '加引号的四位数字，例如 "6688"',
  'a number >= 0': '不小于 0 的数',
  'why the cardholder is really behind, in words': '用文字写明持卡人逾期的真实原因',
  'debtor or a relation': 'debtor 或一种关系',
  'a unique slug like zh-first-contact-tight-money': '唯一的英文标识，例如 zh-first-contact-tight-money',
  'the title shown in the library': '场景库里显示的标题',
  'the local time as "HH:MM" in quotes': '加引号的当地时间 "HH:MM"',
  'a node id': '一个节点 id',
  'a whole number >= 0': '不小于 0 的整数',
  'own or third_party': 'own（本人号码）或 third_party（第三方号码）',
};

/** `expected` in Chinese: a known description, `at most amount_due (…)`, `a or b`, or a list of ids as it is. */
function expected(value: string | number | undefined): string {
  const v = String(value ?? '');
  const atMost = /^at most amount_due \((.*)\)$/.exec(v);
  if (atMost) return `不超过 amount_due（${atMost[1]}）`;
  return EXPECTED[v] ?? v.replace(/ or /g, ' 或 ');
}

/** Why a branch, option, condition or ending could not be read (the `reason` a parser reports with `detail`). */
const REASONS: Record<string, (a: Args) => string> = {
  target_extra: (a) => `箭头后面只能有一个节点 id，这里是 \`${a.value}\``,
  target_missing: () => '箭头后面没有节点 id',
  branch_no_target: () => '缺少 `→ 节点id`',
  else_with_condition: () => '`else`（否则）后面不能带条件',
  if_without_condition: () => '`if`（若）后面需要条件',
  branch_start: () => '分支以 `if` 或 `else`（若 / 否则）开头',
  option_start: () => '选项以质量标记开头，例如 `[good]`',
  unknown_quality: (a) => `未知的质量标记 \`[${a.value}]\`${a.quality ? `（是不是想写 [${a.quality}]？）` : ''}`,
  option_no_text: () => '选项没有文字',
  unexpected_character: (a) => `无法识别的字符 \`${a.value}\``,
  condition_empty: () => '条件是空的',
  unexpected_token: (a) => `这里不该出现 \`${a.value}\``,
  expected_condition_at_end: () => '结尾缺少条件',
  expected_paren_at_end: () => '结尾缺少 `)`',
  expected_number_at_end: (a) => `\`${a.value}\` 后面缺少数字`,
  expected_value_at_end: (a) => `\`${a.value}\` 后面缺少取值`,
  expected_word_after: (a) => `\`${a.value}\` 后面应是一个词`,
  expected_close_paren: () => '这里应是 `)`',
  too_deep: (a) => `嵌套超过 ${a.value} 层（括号或“非”），请拆成几条分支`,
  needs_before: (a) => `\`${a.value}\` 前面需要内容`,
  expected_number_after: (a) => `\`${a.value}\` 后面应是数字`,
  unknown_tone: (a) => `未知的语气 \`${a.value}\`（可用 polite、neutral 或 rude）`,
  needs_comparison: (a) => `\`${a.value}\` 需要比较，例如 \`${a.value} >= 60\``,
  ending_unreadable: (a) => `无法读取 \`${a.value}\``,
  ending_amount: (a) => `金额 \`${a.value}\` 不是正数`,
  ending_date: (a) => `日期 \`${a.value}\` 既不是 YYYY-MM-DD 也不是 +N天`,
  ending_with_branches: () => '结局节点不能有分支',
  ending_option_target: () => '结局节点里的选项不能指向别的节点',
};

/** What to do about an unreadable ending, per reason. */
const ENDING_FIX: Record<string, string> = {
  ending_unreadable: '写成 `amount=…` 和 `date=…`（金额= / 日期=）。',
  ending_amount: '用数字、`minimum`（最低）或 `full`（全额）。',
  ending_date: '例如 `date=2025-07-01` 或 `date=+3d`（+3天）。',
  ending_with_branches: '删掉分支，或删掉 `end:` 行。',
  ending_option_target: '删掉 `→ 目标`：通话在这里结束。',
};

/** The reason in Chinese; a detail without a reason code (the YAML parser's own words) is quoted as it is. */
const detail = (a: Args) => (a.reason !== undefined && REASONS[a.reason] ? REASONS[a.reason](a) : `${a.detail ?? ''}`);

/** Where a hidden fact leaks (`place` and `node` from the leak check). */
function where(a: Args): string {
  const node = `\`${a.node}\``;
  switch (a.place) {
    case 'header':
      return '学员通话前就能看到的内容（标题、简报、客户资料或通话记录）';
    case 'line':
      return `节点 ${node} 的客户台词里（在客户透露之前）`;
    case 'model':
      return `节点 ${node} 的参考回答里（在客户透露之前）`;
    case 'why':
      return `节点 ${node} 的理由里（在客户透露之前）`;
    case 'option':
      return `节点 ${node} 的选项里（在客户透露之前）`;
    case 'feedback':
      return `节点 ${node} 的选项点评里（在客户透露之前）`;
    default:
      return `${a.where ?? ''}`;
  }
}

const mean = (a: Args, fallback: string) => (a.suggestion ? `是不是想写 \`${a.suggestion}\`？` : fallback);
const e = (message: Entry['message'], hint: Entry['hint']): Entry => ({ message, hint });
const outcomes = (a: Args) =>
  String(a.outcomes ?? '')
    .split(',')
    .map((o) => `\`${o}\``)
    .join('、');

/** Every code the script compiler, the option rehearsal, the model call and the library check can report. */
export const DIAGNOSTICS_ZH: Record<string, Entry> = {
  missing_front_matter: e(
    () => '文件开头没有前置信息（front matter）。',
    () => '文件以 `---` 行开始，接着写 YAML 字段，再以 `---` 行结束（可复制 README 里的示例）。',
  ),
  yaml_syntax: e(
    (a) => `前置信息不是有效的 YAML（解析器的说明：${a.detail}）。`,
    () => '检查缩进和引号；含 `:` 或以数字开头的值（如 `"08:00"`）要加引号。',
  ),
  missing_field: e(
    (a) => `前置信息缺少字段 \`${a.field}\`。`,
    (a) => `加上 \`${a.field}:\`（${expected(a.expected)}）。`,
  ),
  invalid_field: e(
    (a) => `\`${a.field}\` 的值${a.value !== undefined ? ` \`${a.value}\`` : ''}无效。`,
    (a) => `应为 ${expected(a.expected)}。`,
  ),
  unknown_field: e(
    (a) => `未知字段 \`${a.field}\`，已忽略。`,
    (a) => mean(a, '删掉它，或对照 README 检查字段名。'),
  ),
  unknown_archetype: e(
    (a) => `未知的客户类型 \`${a.value}\`。`,
    (a) => mean(a, `可用：${a.expected}。`),
  ),
  unknown_course: e(
    (a) => `未知的课程阶段 \`${a.value}\`。`,
    (a) => mean(a, `可用：${a.expected}。`),
  ),
  no_nodes: e(
    () => '脚本里没有对话节点。',
    () => '在前置信息后面加 `## 节点id` 小节，通话中的每个时刻一节。',
  ),
  invalid_node_id: e(
    (a) => `标题 \`${a.value}\` 没有可用的节点 id。`,
    () => '在花括号里写 id，例如 `## 确认本人 {#verify}`；id 不含空格。',
  ),
  duplicate_node_id: e(
    (a) => `节点 id \`${a.id}\` 已在第 ${a.line} 行用过。`,
    () => '每个 `##` 小节用各自的 id。',
  ),
  duplicate_field: e(
    (a) => `这个节点里 \`${a.field}\` 写了两次，以后一次为准。`,
    () => '每个字段只写一行；要写多种说法就用多行 `>`。',
  ),
  invalid_branch: e(
    (a) => `无法读取这条分支：${detail(a)}。`,
    () => '写成 `- if <条件> → <节点id>` 或 `- else → <节点id>`（也可用 若 / 否则）。',
  ),
  invalid_option: e(
    (a) => `无法读取这个选项：${detail(a)}。`,
    () => '写成 `- [good] 学员说的话 → <节点id>`；质量为 [good]、[ok] 或 [bad]（好/一般/差）。',
  ),
  invalid_condition: e(
    (a) => `无法读取条件：${detail(a)}。`,
    () => '用 and/or/not 组合话术动作、`tone rude`、`finding threat`、`trust >= 60`、`complete`、`silence`。',
  ),
  invalid_effect: e(
    (a) => `无法读取效果 \`${a.value}\`。`,
    () => '例如 `trust +10`、`irritation -5` 或 `patience = 20`，用逗号分隔。',
  ),
  unknown_state_var: e(
    (a) => `未知的客户状态 \`${a.value}\`。`,
    (a) => mean(a, '可用 trust、irritation、patience 或 willingness（信任、烦躁、耐心、意愿）。'),
  ),
  unknown_mood: e(
    (a) => `未知的情绪 \`${a.value}\`。`,
    (a) => mean(a, '可用 [calm]、[annoyed] 或 [warm]（【平静】【不耐烦】【友好】）。'),
  ),
  unknown_stage: e(
    (a) => `未知的通话阶段 \`${a.value}\`。`,
    (a) => mean(a, `可用：${a.expected}。`),
  ),
  unknown_party: e(
    (a) => `未知的通话对象 \`${a.value}\`。`,
    (a) => mean(a, `可用 debtor（本人）或一种关系：${a.expected}。`),
  ),
  unknown_outcome: e(
    (a) => `未知的结局 \`${a.value}\`。`,
    (a) => mean(a, `可用：${a.expected}。`),
  ),
  ptp_missing_terms: e(
    (a) =>
      `承诺还款结局需要写明${String(a.missing ?? '')
        .replace('an amount', '金额')
        .replace('a date', '日期')
        .replace(' and ', '和')}。`,
    () => '例如 `end: ptp amount=1286 date=+3d`（amount 也可写 `minimum` 或 `full`）。',
  ),
  invalid_ending: e(
    (a) => `结局写法有误：${detail(a)}。`,
    (a) => (a.reason !== undefined && ENDING_FIX[a.reason]) || '参见 content/scripts/README.md 的“结局”一节。',
  ),
  unknown_branch_target: e(
    (a) => `没有 id 为 \`${a.target}\` 的节点。`,
    (a) => mean(a, '检查目标节点的 `{#id}`。'),
  ),
  unknown_move: e(
    (a) => `未知的话术动作或脚本要素 \`${a.value}\`。`,
    (a) => mean(a, '用 content/rules 里的动作 id（例如 greet、verify_identity、empathise、offer_plan）。'),
  ),
  unknown_element: e(
    (a) => `\`${a.value}\` 既不是评分引擎认识的话术动作，也不是脚本要素。`,
    (a) => mean(a, '用 content/rules 里的 id（动作和要素）。'),
  ),
  call_context_flagged: e(
    (a) => `这通电话本身就违反规则 \`${a.rule}\`（${a.severity}）：${a.detail}`,
    () => '修改 `local_time` 或 `bank_policy`，让场景成为学员可以拨打的电话。',
  ),
  unknown_category: e(
    (a) => `未知的问题类别 \`${a.value}\`。`,
    (a) => mean(a, `可用：${a.expected}。`),
  ),
  unknown_reveal: e(
    (a) => `\`${a.value}\` 不是这个场景的隐藏信息。`,
    (a) => mean(a, '写 `hidden:` 下的键（例如 real_reason），或它的 `secret_words` 之一。'),
  ),
  missing_fallback: e(
    (a) => `节点 \`${a.id}\` 没有兜底分支。`,
    () => '最后加一条 `- else → <节点id>`（否则），让每种回答都有去处。',
  ),
  branch_after_fallback: e(
    () => '这条分支写在兜底分支之后，永远不会被走到。',
    () => '把它移到 `else` 行之前，或删掉。',
  ),
  missing_persona_line: e(
    (a) => `节点 \`${a.id}\` 没有客户台词。`,
    () => '用 `>` 行写出客户说的话。',
  ),
  missing_calm_line: e(
    (a) => `节点 \`${a.id}\` 没有平静情绪下的台词。`,
    () => '加一行不带情绪标记的 `>`：没有合适的情绪版本时就用它。',
  ),
  missing_model_answer: e(
    (a) => `节点 \`${a.id}\` 没有参考回答。`,
    () => '加上 `model:`（好学员在这里会怎么说）和 `why:`（为什么这么说）。',
  ),
  missing_why: e(
    () => '这条参考回答没有写理由。',
    () => '加一行 `why:`：学员要学的是为什么这样说，不只是说什么。',
  ),
  missing_feedback: e(
    () => '这个选项没有点评。',
    () => '在选项下缩进写一行 `feedback:`，说明它好在哪里或错在哪里。',
  ),
  unreachable_node: e(
    (a) => `从开头走不到节点 \`${a.id}\`。`,
    () => '让某条分支或选项指向它，或删掉它。',
  ),
  ending_never_reached: e(
    (a) => `结局 \`${a.id}\`（${a.outcome}）永远到不了。`,
    () => '让某条分支或选项指向它，或删掉它。',
  ),
  dead_end: e(
    (a) => `节点 \`${a.id}\` 走不到任何结局。`,
    () => '确保从这里出发的某条分支路线能到达带 `end:` 的节点。',
  ),
  loop_without_exit: e(
    (a) => `节点 ${a.nodes} 构成一个走不出去的循环。`,
    () => '给其中一个节点加一条通往循环外节点或结局的分支。',
  ),
  hidden_fact_leak: e(
    (a) => `隐藏信息 \`${a.fact}\` 出现在${where(a)}。`,
    () => '从学员能看到的文字里删掉它，或在客户说出它的节点加上 `reveals:`。',
  ),
  model_answer_flagged: e(
    (a) => `参考回答违反规则 \`${a.rule}\`（${a.severity}）：${a.detail}`,
    (a) => `${a.better ? `可以改为：${a.better}` : '请改写参考回答'}——脚本绝不能教学员违规。`,
  ),
  good_option_flagged: e(
    (a) => `这个 [good] 选项违反规则 \`${a.rule}\`（${a.severity}）：${a.detail}`,
    (a) => `${a.better ? `可以改为：${a.better}` : '改写它，或标成 [bad]'}——脚本绝不能教学员违规。`,
  ),
  option_mishandled: e(
    (a) =>
      `节点 \`${a.node}\` 的 [${a.quality}] 选项，在到达它的 ${a.seeds} 次种子通话中有 ${a.count} 次以 ${outcomes(a)} 结束（种子 ${a.seed}：节点 \`${a.at}\`）。`,
    () =>
      '学员照这句话打字，会被当成坏话处理：放宽这个节点的分支，让它接受这句话的话术动作，或者改写选项。脚本工坊里列出了每个种子的结局。',
  ),
  model_call_unsteady: e(
    (a) =>
      `照参考回答说下去，${a.seeds} 次种子通话中有 ${a.reached} 次以 \`${a.outcome}\` 结束；种子 ${a.seed} 在节点 \`${a.node}\` 之后以 \`${a.ending || '未到结局'}\` 结束。`,
    () => '在脚本工坊的示范通话里逐句查看客户状态；加强这个节点的效果，或放宽它的分支。',
  ),
  prose_too_deep: e(
    (a) => `这一行的引用或列表嵌套了 ${a.depth} 层（最多 ${a.max} 层）。`,
    () => '把 Markdown 改平：简报最多需要两三层。',
  ),
  raw_html: e(
    (a) => `原始 HTML \`${a.value}\` 在显示时会被删掉。`,
    () => '改用 Markdown（**加粗**、列表、> 引用）；HTML 标签不会显示给学员。',
  ),
  remote_image: e(
    (a) => `图片 \`${a.value}\` 在别的网站上，不会显示。`,
    () => '话术道场不访问外部网站：把图片放进 public/，用相对路径引用。',
  ),
  script_crashed: e(
    (a) => `检查程序处理这个文件时出错：${a.detail}`,
    () => '其他文件照常检查。请简化最近改动的部分，并把文件发给话术道场的维护人员。',
  ),
  duplicate_scenario_id: e(
    (a) => `场景 id \`${a.id}\` 已被 ${a.first} 使用。`,
    () => '每个场景文件用自己的 `id:`；场景库和保存的练习都以它为准。',
  ),
};

/** What a severity is called in the Chinese UI. */
const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

/** The diagnostic's message and hint in `locale`: from the catalogue in Chinese (its English text otherwise). */
export function diagnosticText(d: DiagnosticWords, locale: Locale): { message: string; hint: string } {
  const entry = DIAGNOSTICS_ZH[d.code];
  if (locale === 'en' || !entry) return { message: d.message, hint: d.hint ?? '' };
  const args = d.args ?? {};
  return { message: entry.message(args), hint: entry.hint(args) };
}

/** A severity's name in `locale`. */
export function severityName(severity: string, locale: Locale): string {
  return locale === 'en' ? severity : (SEVERITY_ZH[severity] ?? severity);
}
