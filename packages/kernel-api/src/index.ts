export * from './interfaces';
export * from './stubs';
export { STUB_BASE } from './stub-base';
export * from './driver-stubs';
