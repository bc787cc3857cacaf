/** UI text: trainee profiles. zh-CN is the default; `en` must have the same keys (the type checks it). */
export const zh = {
  'profile.title': '选择学员档案',
  'profile.intro': '这台电脑可能多人共用。请选择你的档案，练习记录都会保存在你的档案下。',
  'profile.loading': '正在读取档案…',
  'profile.use': '使用',
  'profile.current': '当前学员',
  'profile.none': '未选择学员',
  'profile.switch': '切换学员',
  'profile.new': '新建档案',
  'profile.name': '姓名',
  'profile.staffNo': '工号',
  'profile.create': '创建档案',
  'profile.staffShort': '工号 {staffNo}',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'profile.title': 'Choose your profile',
  'profile.intro': 'This PC may be shared. Pick your profile; every attempt is kept under it.',
  'profile.loading': 'Loading profiles…',
  'profile.use': 'Use',
  'profile.current': 'Trainee',
  'profile.none': 'No trainee selected',
  'profile.switch': 'Switch trainee',
  'profile.new': 'New profile',
  'profile.name': 'Name',
  'profile.staffNo': 'Staff number',
  'profile.create': 'Create profile',
  'profile.staffShort': 'staff no. {staffNo}',
};
