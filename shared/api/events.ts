/** Events the core pushes to the UI (ARCHITECTURE: long jobs report progress as events). */
export type CoreEvent =
  | { type: 'progress'; callId: string; done: number; total: number; phase: string }
  /** Something the user's inbox shows changed (new notification, approval, reminder). */
  | { type: 'inbox'; userIds: string[] }
  /** The desktop shell asks the page to show one of its pages (e.g. File > Backup and Restore). */
  | { type: 'navigate'; path: string };

export type CoreEventType = CoreEvent['type'];
