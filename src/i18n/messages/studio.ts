/** UI text: the Studio's rehearsals (the model call and the options said). zh-CN is the default; `en` must have the same keys (the type checks it). */
export const zh = {
  'rehearsal.title': '示范通话：逐句说出参考回答',
  'rehearsal.intro':
    '用学员会遇到的同一个客户模型，按顺序说出每个节点的参考回答，看客户每一步的回应、情绪和状态，便于排查为什么通话会走到某个结局。',
  'rehearsal.seeds': '{seeds} 次不同随机种子的通话中：{outcomes}。',
  'rehearsal.outcomeCount': '{outcome} {count} 次',
  'rehearsal.none': '未到结局',
  'rehearsal.off':
    '照着参考回答说，并不总能到达自动试玩的结局（{expected}）：客户的随机反应会让部分通话偏离。请调整相关节点的效果或分支条件。',
  'rehearsal.shown': '下表是种子 {seed} 的通话。',
  'rehearsal.stopped.no_model': '通话停在节点 {node}：这里没有参考回答可说。',
  'rehearsal.stopped.loop': '通话在节点 {node} 反复打转：参考回答没有把通话带出这个循环。',
  'rehearsal.stopped.too_long': '说到节点 {node} 时通话已超过 100 轮，示范通话到此为止。',
  'rehearsal.turn': '轮次',
  'rehearsal.node': '节点',
  'rehearsal.said': '学员（参考回答）',
  'rehearsal.reply': '客户回应',
  'rehearsal.found': '发现的问题',
  'rehearsal.patience': '耐心',
  'rehearsal.willingness': '还款意愿',
  'rehearsal.start': '开始',
  'rehearsal.ending': '这通电话的结局：{outcome}',
  'options.title': '选项试说：学员照着好的和一般的选项说',
  'options.intro':
    '每个 [好] 和 [一般] 选项都在它所在的节点上，用同样 {seeds} 个种子的通话原样说给客户模型听（像学员自己打字那样，由分支决定去向）。好的说法不该让客户挂断、投诉或拒绝。',
  'options.summary': '试说了 {tried} 个选项，其中 {wrong} 个会被客户当成坏话处理。',
  'options.clean': '所有试说的选项都没有把通话带到挂断、投诉或拒绝。',
  'options.untried': '{count} 个选项所在的节点在试说中没有到达，未能试说。',
  'options.node': '节点',
  'options.quality': '质量',
  'options.text': '选项原文',
  'options.went': '客户的反应',
  'options.wrong': '{count}/{seeds} 次通话以“{outcomes}”结束（种子 {seed} 走到节点 {node}）',
  'options.goto': '定位到第 {line} 行',
  'options.source': '在源文件中的位置',
  'quality.good': '好',
  'quality.ok': '一般',
  // Issue 14 (roles, zh throughout): the Studio behind the mentor lock.
  'studio.lockedIntro': '脚本工坊里有每个场景的参考回答和隐藏信息，只对带教老师和培训师开放。',
};

export const en: Record<keyof typeof zh, string> = {
  'rehearsal.title': 'Model call: the model answers, line by line',
  'rehearsal.intro':
    'The model answer of each node said in turn to the same persona a trainee meets, with its reply, mood and state after every line: how to see why a call ends where it does.',
  'rehearsal.seeds': 'Over {seeds, plural, one {# call} other {# calls with different seeds}}: {outcomes}.',
  'rehearsal.outcomeCount': '{outcome} {count}×',
  'rehearsal.none': 'no ending',
  'rehearsal.off':
    "Saying the model answers does not always reach the playthrough's ending ({expected}): the persona's seeded reactions take some calls elsewhere. Adjust the effects or branch conditions of the nodes involved.",
  'rehearsal.shown': 'The table shows the call with seed {seed}.',
  'rehearsal.stopped.no_model': 'The call stops at node {node}: there is no model answer to say there.',
  'rehearsal.stopped.loop': 'The call goes round at node {node}: the model answers do not lead out of the loop.',
  'rehearsal.stopped.too_long': 'The call passed 100 turns at node {node}; the model call stops there.',
  'rehearsal.turn': 'Turn',
  'rehearsal.node': 'Node',
  'rehearsal.said': 'Trainee (model answer)',
  'rehearsal.reply': 'Persona reply',
  'rehearsal.found': 'Findings',
  'rehearsal.patience': 'Patience',
  'rehearsal.willingness': 'Willingness',
  'rehearsal.start': 'Start',
  'rehearsal.ending': 'This call ends: {outcome}',
  'options.title': 'Options said: the good and acceptable options, as a trainee types them',
  'options.intro':
    'Every [good] and [ok] option is said at its node to the same persona, on the same {seeds, plural, one {seed} other {# seeds}}, as a trainee would type it (the branches decide where the call goes). A good line should never make the persona hang up, complain or refuse.',
  'options.summary': 'Options said: {tried}. The persona treats {wrong} of them as bad lines.',
  'options.clean': 'No option said led to a hang-up, a complaint or a refusal.',
  'options.untried':
    '{count, plural, one {# option sits at a node} other {# options sit at nodes}} no call reached, so {count, plural, one {it was} other {they were}} not said.',
  'options.node': 'Node',
  'options.quality': 'Quality',
  'options.text': 'Option',
  'options.went': 'What the persona did',
  'options.wrong':
    '{count}/{seeds, plural, one {# call} other {# calls}} ended in “{outcomes}” (seed {seed} went to node {node})',
  'options.goto': 'Go to line {line}',
  'options.source': 'Place in the source',
  'quality.good': 'good',
  'quality.ok': 'ok',
  // Issue 14 (roles, zh throughout): the Studio behind the mentor lock.
  'studio.lockedIntro':
    'The studio holds every scenario’s model answers and hidden facts, so it is open to mentors and trainers only.',
};
