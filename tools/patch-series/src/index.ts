export * from './compute';
export * from './config';
export * from './edits';
export * from './model';
export * from './overlay';
export * from './series';
export * from './standin';
export * from './tree';
