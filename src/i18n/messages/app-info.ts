/** UI text: issue 15 part H — the "new version" prompt, the About page with licences, and the versions that judged a call. */
export const zh = {
  'update.available': '有新版本可用。重新加载后使用新版本（正在进行的通话会保留，可以继续）。',
  'update.reload': '重新加载',
  'update.later': '稍后',
  'update.reloading': '正在切换到新版本…',
  'footer.label': '页脚',
  'footer.about': '关于与许可',
  'about.title': '关于话术道场',
  'about.version': '应用版本 {version}',
  'about.licences': '第三方软件许可',
  'about.licencesIntro': '本应用打包了以下开源软件，依照各自的许可证使用。点开可查看许可证全文。',
  'about.licencesLoading': '正在读取许可信息…',
  'about.licencesMissing': '这个构建没有附带许可清单（开发模式下不生成）。',
  'about.licence': '许可证：{id}',
  'about.licenceUnknown': '许可证：未注明',
  'report.versions': '评判版本：应用 {app} · 规则包 {packs} · 场景 {scenario}',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'update.available': 'A new version is available. Reload to use it (a call in progress is kept and can be resumed).',
  'update.reload': 'Reload',
  'update.later': 'Later',
  'update.reloading': 'Switching to the new version…',
  'footer.label': 'Footer',
  'footer.about': 'About and licenses',
  'about.title': 'About CallDojo',
  'about.version': 'App version {version}',
  'about.licences': 'Third-party licenses',
  'about.licencesIntro':
    'This app bundles the following open-source software, used under their licenses. Open one to read its license text.',
  'about.licencesLoading': 'Reading the license list…',
  'about.licencesMissing': 'This build ships no license list (development builds do not make one).',
  'about.licence': 'License: {id}',
  'about.licenceUnknown': 'License: not stated',
  'report.versions': 'Judged by: app {app} · rule packs {packs} · scenario {scenario}',
} as const;
