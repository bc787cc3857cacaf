/** UI text (issue 15 part F): records a mentor can trust — signed audit trail, accepted devices, re-scored imports. */
export const zh = {
  'trust.audit.broken': '复核记录的完整性校验发现问题：',
  'trust.audit.edited': '第 {n} 条修改在记录后被改动过（哈希不符）。',
  'trust.audit.removed_before': '第 {n} 条修改之前有记录被删除（链接断开）。',
  'trust.audit.unsigned': '第 {n} 条修改没有带教密钥的签名。',
  'trust.audit.bad_signature': '第 {n} 条修改的签名无效。',
  'trust.audit.other_signer': '第 {n} 条修改由另一台电脑的带教密钥签名（导入的记录）。',
  'trust.audit.unchained': '第 {n} 条修改记录于签名功能上线之前，无法校验。',
  'trust.audit.tail_removed': '最近的修改记录已被删除（记录末尾与保存的校验值不符）。',
  'trust.audit.flag': '⚠ 校验失败',
  'trust.readiness.unverified':
    '本机保存的达标设置没有带教密钥的签名（可能被改动过），现按默认设置显示。请核对后重新保存。',
  'trust.audit.notCounted':
    '以上未通过校验的修改不计入成绩：成绩只采用本机带教密钥签名、且记录完整的修改。需要时请在本机重新复核。',

  'trust.device.heldTitle': '来自未确认设备的数据包，尚未导入',
  'trust.device.held':
    '这个文件由一台本机尚未确认的设备签名。请核对学员姓名、工号和设备指纹（可请学员在自己的电脑上查看），确认无误后再接受这台设备。接受之前本机数据没有任何变化。',
  'trust.device.heldUnsigned':
    '这个文件没有签名（旧版本格式），无法确认它来自哪台电脑、导出后是否被改动。只有在你确认文件来源可靠时才导入。接受之前本机数据没有任何变化。',
  'trust.device.trainees': '文件中的学员',
  'trust.device.trainee': '{name}（工号 {staffNo}）',
  'trust.device.fingerprint': '设备指纹',
  'trust.device.accept': '接受这台设备并导入',
  'trust.device.acceptUnsigned': '确认来源并导入未签名文件',
  'trust.device.accepted': '已接受设备 {device}。',
  'trust.device.needMentor': '只有带教老师可以接受新设备：请带教老师在“带教复核 → 数据”中导入这个文件。',
  'trust.device.thisDevice': '本机指纹：{device}',

  'trust.rescore.title': '重新评分发现 {n} 次通话的成绩与文件中记录的不一致',
  'trust.rescore.intro':
    '本机用自己的评分引擎按通话原文重新评分；以下通话在文件中记录的成绩与重新评分的结果不同，请以重新评分为准并核实：',
  'trust.rescore.row':
    '{name}（{staffNo}）· {title}：文件记录 {stored} 分 · {storedVerdict}，重新评分 {rescored} 分 · {rescoredVerdict}',
  'trust.rescore.ok': '已按通话原文重新评分 {n} 次通话，与文件记录一致。',
  'trust.rescore.skipped': '{n} 次通话的场景不在本机题库中，未能重新评分。',
};

export const en: Record<keyof typeof zh, string> = {
  'trust.audit.broken': 'The integrity check of this audit trail found problems:',
  'trust.audit.notCounted':
    'Changes that fail the check do not count towards the score: only intact changes signed with this PC’s mentor key do. Review the call again here if needed.',
  'trust.audit.edited': 'Change {n} was altered after it was recorded (its hash does not match).',
  'trust.audit.removed_before': 'An entry before change {n} was removed (the chain is broken).',
  'trust.audit.unsigned': 'Change {n} is not signed with the mentor key.',
  'trust.audit.bad_signature': 'Change {n} has an invalid signature.',
  'trust.audit.other_signer': 'Change {n} was signed by another PC’s mentor key (an imported record).',
  'trust.audit.unchained': 'Change {n} was recorded before signed audit trails and cannot be checked.',
  'trust.audit.tail_removed':
    'The latest changes were removed (the end of the trail does not match its stored check value).',
  'trust.audit.flag': '⚠ check failed',
  'trust.readiness.unverified':
    'The readiness settings stored on this PC are not signed with the mentor key (they may have been changed), so the defaults are shown. Check them and save again.',

  'trust.device.heldTitle': 'Bundle from a device not yet accepted: not imported',
  'trust.device.held':
    'This file is signed by a device this PC has not accepted. Check the trainees’ names, staff numbers and the device fingerprint (the trainee can read it on their own PC), then accept the device. Nothing on this PC changes until you do.',
  'trust.device.heldUnsigned':
    'This file is not signed (older format), so neither the PC it came from nor whether it was changed after export can be checked. Import it only if you trust where it came from. Nothing on this PC changes until you do.',
  'trust.device.trainees': 'Trainees in the file',
  'trust.device.trainee': '{name} (staff no. {staffNo})',
  'trust.device.fingerprint': 'Device fingerprint',
  'trust.device.accept': 'Accept this device and import',
  'trust.device.acceptUnsigned': 'I trust its source: import the unsigned file',
  'trust.device.accepted': 'Device {device} accepted.',
  'trust.device.needMentor':
    'Only a mentor can accept a new device: ask your mentor to import this file under Mentor review → Data.',
  'trust.device.thisDevice': 'This PC’s fingerprint: {device}',

  'trust.rescore.title': 'Re-scoring found {n, plural, one {# call} other {# calls}} whose stored score differs',
  'trust.rescore.intro':
    'This PC re-scored every imported call from its lines with its own engine; these calls carry a stored score that differs from the re-scored one. Go by the re-scored result and look into them:',
  'trust.rescore.row':
    '{name} ({staffNo}) · {title}: stored {stored} · {storedVerdict}, re-scored {rescored} · {rescoredVerdict}',
  'trust.rescore.ok':
    'Re-scored {n, plural, one {# call} other {# calls}} from their lines; all match what the file says.',
  'trust.rescore.skipped':
    '{n, plural, one {# call is} other {# calls are}} of scenarios not in this PC’s library and could not be re-scored.',
};
