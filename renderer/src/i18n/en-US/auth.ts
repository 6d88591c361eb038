import type { auth as zh } from '../zh-CN/auth';

/** First-run setup, sign-in, passwords and the account page. Typed by the Chinese catalog: a missing or extra key fails the type check. */
export const auth: Record<keyof typeof zh, string> = {
  'setup.title': 'Welcome to OpsDesk',
  'setup.subtitle': 'First run: name the department and create the administrator account.',
  'setup.departmentName': 'Department name',
  'setup.adminUsername': 'Administrator username',
  'setup.adminDisplayName': 'Administrator name',
  'setup.adminPassword': 'Administrator password',
  'setup.confirmPassword': 'Confirm password',
  'setup.withDemoData': 'Fill with demo data (a sample department, about 25 employees and accounts; demo accounts use the administrator password)',
  'setup.submit': 'Finish setup',
  'setup.done': 'Setup complete. Please sign in.',
  'setup.passwordHint': 'At least 8 characters. Avoid common passwords, names and birthdays; a few words with a digit or symbol are safest.',

  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.tryAgainNow': 'You can try again now',
  'login.sessionExpired': 'Your session has expired. Please sign in again.',

  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.mismatch': 'The passwords do not match',
  'password.changed': 'Password changed',
  'password.mustChange': 'Your administrator set a temporary password. Please change it first.',

  'account.title': 'My account',
  'account.profile': 'Account',
  'account.language': 'Language',
  'account.languageSaved': 'Language changed',
};
