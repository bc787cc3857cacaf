/** UI text (issue 16): the app launched from a learning management system (学习管理系统 LMS), SCORM 1.2 or cmi5. */
export const zh = {
  'lms.assignment': '学习管理系统（LMS）指定的练习',
  'lms.exit': '结束并返回学习管理系统',
  'lms.exiting': '正在向学习管理系统提交结果…',
  'lms.exitFailed':
    '学习管理系统暂时没有收到结果（{detail}）。请检查网络后再点“结束并返回学习管理系统”；这次通话已保存在本机。',
  'lms.browse': '本次为浏览或复习启动：可以练习，但成绩不会记入学习管理系统。',
  'lms.ended.title': '练习已结束',
  'lms.ended.body': '结果已提交给学习管理系统，可以关闭这个窗口了。',
  'lms.problem.title': '无法从学习管理系统开始练习',
  'lms.problem.no_api':
    '没有找到学习管理系统的 SCORM 接口。请从学习管理系统的课程页面打开这个课件，而不是直接打开文件。',
  'lms.problem.no_launch': '这个 cmi5 课件缺少启动参数。请从学习管理系统的课程页面打开。',
  'lms.problem.bad_assignment': '课件包中的练习指定有误：{detail}。请培训部门重新生成课件包。',
  'lms.problem.not_assigned': '场景“{scenario}”不在这个课件包的指定范围内。请从学习管理系统的课程页面打开。',
  'lms.problem.lms_unreachable': '无法连接学习管理系统：{detail}。请稍后从课程页面重新打开。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'lms.assignment': 'Assigned by your learning management system (LMS)',
  'lms.exit': 'Finish and return to the LMS',
  'lms.exiting': 'Sending the result to the LMS…',
  'lms.exitFailed':
    'The LMS has not received the result yet ({detail}). Check the network and press Finish again; this call is saved on this computer.',
  'lms.browse': 'Opened to browse or review: you can practise, but no result goes to the LMS.',
  'lms.ended.title': 'Practice finished',
  'lms.ended.body': 'The result has gone to your LMS. You can close this window.',
  'lms.problem.title': 'The practice cannot start from the LMS',
  'lms.problem.no_api':
    'The LMS’s SCORM interface was not found. Open this course from its page in the LMS, not the file itself.',
  'lms.problem.no_launch':
    'This cmi5 course was opened without its launch parameters. Open it from its page in the LMS.',
  'lms.problem.bad_assignment':
    'The package’s assignment is broken: {detail}. Ask the training team to build the package again.',
  'lms.problem.not_assigned':
    'Scenario “{scenario}” is not part of this package. Open the course from its page in the LMS.',
  'lms.problem.lms_unreachable': 'The LMS could not be reached: {detail}. Open the course again from its page later.',
};
