/** First-run setup, sign-in, passwords and the account page. */
export const auth = {
  'setup.title': '欢迎使用运营部管理系统',
  'setup.subtitle': '首次使用：设置部门名称并创建系统管理员账号。',
  'setup.departmentName': '部门名称',
  'setup.adminUsername': '管理员用户名',
  'setup.adminDisplayName': '管理员姓名',
  'setup.adminPassword': '管理员密码',
  'setup.confirmPassword': '确认密码',
  'setup.withDemoData': '填充示例数据（示例部门、约 25 名员工及账号，示例账号密码与管理员密码相同）',
  'setup.submit': '完成设置',
  'setup.done': '设置完成，请登录',
  'setup.passwordHint': '至少 8 位。请避开常见密码、姓名和生日，几个词加上数字或符号更安全。',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.sessionExpired': '登录已过期，请重新登录',
  'login.tryAgainNow': '现在可以重新登录',

  'password.title': '修改密码',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.mismatch': '两次输入的密码不一致',
  'password.changed': '密码已修改',
  'password.mustChange': '管理员为您设置了临时密码，请先修改密码。',

  'account.title': '个人设置',
  'account.profile': '账号信息',
  'account.language': '界面语言',
  'account.languageSaved': '语言已切换',
} as const;
